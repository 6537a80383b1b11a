package dev.govwatch.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AnnualReport;

/** Figures quoted in the prose are compared with the cell, or the sum of cells, they name. */
class QuotedFiguresTest {

    private final Validation validation = new Validation(Rules.ALL, Deadlines.national());
    private final Report2021Page page = new Report2021Page(11);
    private final long granted = page.t3.get("apps.granted")[6];
    private final long partial = page.t3.get("apps.partial")[6];
    private final long results = page.t3.get("apps.results")[6];

    @Test
    void aCombinedFigureIsComparedWithTheSumOfItsCellsAndItsShareWithItsBase() {
        String percent = String.format("%.1f", 100.0 * (granted + partial) / results);

        List<Alert> alerts = alerts("全年办结政府信息公开申请" + results + "件，其中：予以公开及部分公开"
                + (granted + partial) + "件，占" + percent + "%。");

        assertThat(alerts).extracting(Alert::getRule).doesNotContain("TEXT_VS_TABLE");
    }

    @Test
    void aWrongShareIsReported() {
        double wrong = Math.round(100.0 * (granted + partial) / results) + 7;

        List<Alert> alerts = alerts("全年办结政府信息公开申请" + results + "件，其中：予以公开及部分公开"
                + (granted + partial) + "件，占" + (long) wrong + "%。");

        assertThat(alerts).filteredOn(a -> a.getRule().equals("TEXT_VS_TABLE")).singleElement()
                .satisfies(a -> assertThat(a.getMessage()).contains("÷ " + results).contains("而非 " + (long) wrong + "%"));
    }

    @Test
    void aCombinedFigureThatDisagreesWithTheTableIsReportedOnceAgainstTheSum() {

        List<Alert> alerts = alerts("其中予以公开及部分公开" + (granted + partial + 5) + "件。");

        assertThat(alerts).filteredOn(a -> a.getRule().equals("TEXT_VS_TABLE")).singleElement()
                .satisfies(a -> assertThat(a.getId()).endsWith("DISCLOSED_OR_PARTIAL"))
                .satisfies(a -> assertThat(a.getMessage()).contains("表格为 " + (granted + partial)));
    }

    private List<Alert> alerts(String sentence) {
        String html = page.html.replace("<p>二、主动公开政府信息情况</p>", "<p>" + sentence + "</p>\n<p>二、主动公开政府信息情况</p>");
        AnnualReport report = TestReports.extract(html.getBytes(StandardCharsets.UTF_8), "text/html", "http://q.gov.cn/1.html");
        return validation.evaluate(report, null, null, Instant.EPOCH);
    }
}
