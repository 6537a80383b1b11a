package dev.govwatch.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.AgencyIdentity;
import dev.govwatch.schemas.AgencyLevel;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Region;

/** Which agency a report is about, and the names one agency goes by. */
class AgencyIdentityTest {

    private final Validation validation = new Validation(Rules.ALL, Deadlines.national());

    /** 示范县2025年度… posted by the government's office on March 10: the government's report, due March 31. */
    @Test
    void aCountyReportTitledByThePlaceAndPostedByItsOfficeIsTheGovernments() {
        AnnualReport report = postedBy("示范县人民政府办公室", "2026-03-10");

        assertThat(report.getTitle()).startsWith("示范县2025年");
        assertThat(report.getAgency()).isEqualTo("示范县人民政府");
        assertThat(report.getLevel()).isEqualTo(AgencyLevel.COUNTY);
        List<Alert> alerts = validation.evaluate(report, null, null, Instant.EPOCH);
        assertThat(alerts).extracting(Alert::getRule).doesNotContain("LATE");
    }

    @Test
    void aDepartmentPostingUnderThePlaceNameKeepsItsName() {
        AnnualReport report = postedBy("示范县教育局", "2026-01-10");

        assertThat(report.getAgency()).isEqualTo("示范县教育局");
        assertThat(report.getLevel()).isEqualTo(AgencyLevel.DEPARTMENT);
    }

    /** 示范县's 2025 report, titled by the place alone, posted by {@code publisher} (ContentSource) on {@code published}. */
    private static AnnualReport postedBy(String publisher, String published) {
        String html = new Report2021Page(7).as("示范县", 2025, published)
                .replace("<meta name=\"SiteIDCode\"", "<meta name=\"ContentSource\" content=\"" + publisher + "\"><meta name=\"SiteIDCode\"");
        return TestReports.extract(html.getBytes(StandardCharsets.UTF_8), "text/html", "http://sfx.gov.cn/" + published + ".html");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "示范县, 示范县人民政府",
        "示范县政府, 示范县人民政府",
        "示范县人民政府, 示范县人民政府",
        "县政府, 示范县人民政府",
        "本县人民政府, 示范县人民政府",
        "某某市示范县, 某某市示范县人民政府",
        "城关镇, 城关镇人民政府",
        "城关镇政府, 城关镇人民政府",
        "东关街道, 东关街道办事处",
        "东关街道办事处, 东关街道办事处",
        "示范县人民政府办公室, 示范县人民政府办公室",
        "示范县教育局, 示范县教育局",
        "示范县经济开发区, 示范县经济开发区"})
    void oneAgencyHasOneCanonicalName(String name, String canonical) {
        assertThat(AgencyIdentity.canonical(name, Region.newBuilder().setCounty("示范县").build())).isEqualTo(canonical);
    }
}
