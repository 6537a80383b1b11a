package dev.govwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportKeyTest {

    @Test
    void everyNameVariantAndRegionCodeGivesOneKey() {
        ReportKey key = ReportKey.of("示范县人民政府", null, 2025);

        assertThat(key.toString()).isEqualTo("示范县人民政府|2025");
        assertThat(ReportKey.of("示范县", null, 2025)).isEqualTo(key);
        assertThat(ReportKey.of("示范县政府", null, 2025)).isEqualTo(key);
        assertThat(ReportKey.of("县政府", Region.newBuilder().setCounty("示范县").build(), 2025)).isEqualTo(key);
    }

    @Test
    void keysWrittenBeforeAreReadInTheCanonicalForm() {
        assertThat(ReportKey.parse("370323|沂源县|2019")).isEqualTo(ReportKey.of("沂源县人民政府", null, 2019));
        assertThat(ReportKey.parse("沂源县人民政府|2019").toString()).isEqualTo("沂源县人民政府|2019");
        assertThat(ReportKey.parse("示范县财政局|unknown-year")).isEqualTo(new ReportKey("示范县财政局", null));
        assertThat(ReportKey.parse("http://x.gov.cn/a.html|2024").agency()).isEqualTo("http://x.gov.cn/a.html");
    }

    @Test
    void onlyFourAsciiDigitsAreAYear() {
        assertThat(ReportKey.parse("示范县财政局|2019").year()).isEqualTo(2019);
        assertThat(ReportKey.parse("示范县财政局|0999").year()).isEqualTo(999);
        for (String notAYear : new String[] {"201", "20190", "２０１９", "20a9", "", "unknown-year"}) {
            assertThat(ReportKey.parse("示范县财政局|" + notAYear).year()).as(notAYear).isNull();
        }
    }
}
