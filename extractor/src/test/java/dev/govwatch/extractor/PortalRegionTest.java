package dev.govwatch.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.govwatch.schemas.Region;

class PortalRegionTest {

    private static Region region(String code, String province, String prefecture, String county) {
        return Region.newBuilder().setCode(code).setProvince(province).setPrefecture(prefecture).setCounty(county).build();
    }

    @Test
    void thePortalWinsAndTheTextFillsWhatItLeavesBlank() {
        PortalRegion placed = PortalRegion.of(region(null, "山东省", "淄博市", null), region("370323", "山东", null, "沂源县"));
        // The county comes from the text; the code does not: the portal names its place without one, and all its
        // reports stay under one key whether or not their text prints a code. 山东 and 山东省 are one place: no warning.
        assertThat(placed.region()).isEqualTo(region(null, "山东省", "淄博市", "沂源县"));
        assertThat(placed.warnings()).isEmpty();
        PortalRegion unnamed = PortalRegion.of(region(null, null, null, null), region("370323", "山东省", null, null));
        assertThat(unnamed.region().getCode()).isEqualTo("370323");
    }

    @Test
    void aDisagreementIsAWarningAndTheTextsCodeIsNotMixedWithThePortalsNames() {
        PortalRegion placed = PortalRegion.of(region(null, "示范省", "示范市", "云岭县"), region("410823", "河南省", "焦作市", "武陟县"));
        assertThat(placed.region()).isEqualTo(region(null, "示范省", "示范市", "云岭县"));
        assertThat(placed.warnings()).anyMatch(w -> w.contains("门户登记为 云岭县") && w.contains("武陟县"))
                .anyMatch(w -> w.contains("410823") && w.contains("未采用"));
        PortalRegion coded = PortalRegion.of(region("370323", "山东省", null, null), region("410823", null, null, null));
        assertThat(coded.region().getCode()).isEqualTo("370323");
        assertThat(coded.warnings()).singleElement().asString().contains("门户登记为 370323");
    }

    @Test
    void withoutAPortalTheTextIsTheRegion() {
        Region text = region("410823", "河南省", null, null);
        assertThat(PortalRegion.of(null, text).region()).isSameAs(text);
        assertThat(PortalRegion.of(null, text).warnings()).isEmpty();
    }
}
