package dev.govwatch.extractor;

import dev.govwatch.samples.Report2021Page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.govwatch.extractor.internal.Layouts;
import dev.govwatch.schemas.AgencyLevel;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.FormatGeneration;

/** 2021-template reports in the official HTML layout (rowspan/colspan), every cell checked. */
class Gen2021ExtractionTest {

    @ParameterizedTest(name = "figures drawn with seed {0}")
    @ValueSource(ints = {1, 2, 3, 42})
    void everyCellOfTheOfficialLayoutIsRead(int seed) {
        Report2021Page fixture = new Report2021Page(seed);
        AnnualReport report = extract(fixture.html);

        assertThat(report.getGeneration()).isEqualTo(FormatGeneration.GEN_2021);
        assertThat(report.getReportYear()).isEqualTo(2024);
        assertThat(report.getPublicationDate()).isEqualTo(LocalDate.of(2025, 1, 20));
        assertThat(report.getPeriodStart()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(report.getPeriodEnd()).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(report.getAgency()).isEqualTo("测试市测试县人民政府");
        assertThat(report.getRegion().getCode()).isEqualTo("410823");
        assertThat(report.getRegion().getPrefecture()).isEqualTo("测试市");
        assertThat(report.getRegion().getCounty()).isEqualTo("测试县");
        assertThat(report.getLevel()).isEqualTo(AgencyLevel.COUNTY);
        assertThat(report.getSections()).hasSize(6);
        assertThat(report.getWarnings()).isEmpty();

        for (String key : fixture.t3Keys()) {
            long[] expected = fixture.t3.get(key);
            for (int c = 0; c < 7; c++) {
                var cell = SeedExtractionTest.cell(report, "T3", key, Layouts.T3_COLUMNS.get(c));
                assertThat(cell.getValue()).as("%s.%s", key, Layouts.T3_COLUMNS.get(c)).isEqualTo((double) expected[c]);
            }
        }
        String[] groups = {"review.reconsideration", "review.litigationDirect", "review.litigationAfterReview"};
        for (int i = 0; i < 15; i++) {
            assertThat(SeedExtractionTest.cell(report, "T4", groups[i / 5], Layouts.T4_COLUMNS.get(i % 5)).getValue())
                    .isEqualTo((double) fixture.t4[i]);
        }
        assertThat(SeedExtractionTest.cell(report, "T2", "active.normativeDocuments", "inForce").getValue()).isEqualTo(87.0);
        assertThat(SeedExtractionTest.cell(report, "T2", "active.penalties", "decisions").getValue()).isEqualTo(1203.0);
        assertThat(SeedExtractionTest.cell(report, "T2", "active.coercion", "decisions").getKind())
                .isEqualTo(CellKind.NOT_APPLICABLE);
        assertThat(SeedExtractionTest.cell(report, "T2", "active.fees", "amount").getValue()).isEqualTo(103.3879);
        assertThat(report.getQuotedFigures()).anyMatch(f -> f.getKind().equals("APPLICATIONS_RECEIVED")
                && f.getValue() == fixture.t3.get("apps.new")[6]);
    }

    static AnnualReport extract(String html) {
        var page = PageShapes.page(html.getBytes(StandardCharsets.UTF_8), "text/html", "http://test.gov.cn/2024.html");
        Extraction extraction = new ReportExtractor().extract(page, Instant.EPOCH);
        assertThat(extraction).isInstanceOf(Extraction.Report.class);
        return ((Extraction.Report) extraction).report();
    }
}
