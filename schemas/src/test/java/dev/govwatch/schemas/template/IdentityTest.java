package dev.govwatch.schemas.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityTest {

    @Test
    void anIdentitysTableIsTheTableOfEachOfItsCells() {
        assertThat(ReportTemplate.identities()).isNotEmpty();
        for (Identity identity : ReportTemplate.identities()) {
            assertThat(identity.cells()).as(identity.rule() + " " + identity.detail())
                    .allSatisfy(cell -> assertThat(cell.table()).isEqualTo(identity.table()));
        }
    }
}
