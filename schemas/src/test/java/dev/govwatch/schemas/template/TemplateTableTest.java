package dev.govwatch.schemas.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TemplateTableTest {

    private static final List<TemplateTable> TABLES = List.of(ReportTemplate.T3, ReportTemplate.T4, ReportTemplate.OLD);

    @Test
    void indexedLookupsGiveWhatAScanOfTheRowsGives() {
        for (TemplateTable table : TABLES) {
            for (TemplateRow row : table.rows()) {
                assertThat(table.row(row.key())).contains(table.rows().stream().filter(r -> r.key().equals(row.key())).findFirst().orElseThrow());
                assertThat(table.children(row.key()))
                        .as("%s %s", table.id(), row.key())
                        .containsExactlyElementsOf(table.rows().stream().filter(r -> row.key().equals(r.parent())).toList());
            }
            assertThat(table.row("no.such.row")).isEmpty();
            assertThat(table.children("no.such.row")).isEmpty();
        }
    }

    @Test
    void groupsKeepTheirRowsInPrintedOrder() {
        TemplateRow group = new TemplateRow("g", "（一）组", "组", null, null, true);
        TemplateRow b = new TemplateRow("g.b", "1.乙", "乙", "g", null, true);
        TemplateRow a = new TemplateRow("g.a", "2.甲", "甲", "g", null, true);
        TemplateRow other = new TemplateRow("h", "（二）他", "他", null, null, true);
        TemplateTable table = new TemplateTable("X", "表X", List.of("total"), Map.of("total", "总计"), List.of(group, b, other, a));

        assertThat(table.children("g")).containsExactly(b, a);
        assertThat(table.children("h")).isEmpty();
        assertThat(table.row("h")).contains(other);
        assertThat(table.describe("g.a", "total")).isEqualTo("表X2.甲 总计");
    }
}
