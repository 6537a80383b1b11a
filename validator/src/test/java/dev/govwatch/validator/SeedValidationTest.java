package dev.govwatch.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.govwatch.schemas.Alert;

/**
 * The five real seeds, as the extractor reads them, raise exactly the alerts their defects call
 * for: 000 prints 13 numbers for table 四's 15 cells; 001 is a department's report published
 * 2021-02-19 (deadline 2021-01-31) with "共发布信息余条"; 002 is a clean pre-2019 report; 003 has
 * section headings without tables and prints its last section as 三 instead of 六; 004 drops
 * cells in table 三, and the one row its own arithmetic cannot place (本机关不掌握: 1 in one of two
 * columns) is placed by the table's column identities, so the report is clean.
 */
class SeedValidationTest {

    private final Validation validation = new Validation(Rules.ALL, Deadlines.national());

    @ParameterizedTest(name = "seed {0}: {1}")
    @CsvSource(delimiter = ';', value = {
        "000;UNREAD_CELLS",
        "001;LATE PLACEHOLDER",
        "002;''",
        "003;SECTIONS TABLES",
        "004;''"})
    void seedRaisesExactlyItsAlerts(String seed, String expectedRules) {
        List<Alert> alerts = validation.evaluate(TestReports.seed(seed), null, null, Instant.EPOCH);

        Set<String> rules = alerts.stream().map(Alert::getRule).collect(Collectors.toSet());
        Set<String> expected = expectedRules.isBlank() ? Set.of() : Set.of(expectedRules.split(" "));
        assertThat(rules).as(alerts.stream().map(Alert::getMessage).toList().toString()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void theHuaianPdfReportIsClean() throws java.io.IOException {
        java.nio.file.Path pdf = java.nio.file.Path.of(System.getProperty("govwatch.shared.dir", "../../shared"),
                "samples", "huaian-2024-report.pdf");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(pdf), "no sample PDF");
        var report = TestReports.extract(java.nio.file.Files.readAllBytes(pdf), "application/pdf", "http://huaian.gov.cn/2024.pdf");

        assertThat(validation.evaluate(report, null, null, Instant.EPOCH)).extracting(Alert::getMessage).isEmpty();
    }
}
