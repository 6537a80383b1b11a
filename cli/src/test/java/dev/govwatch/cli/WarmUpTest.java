package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.govwatch.extractor.Extraction;
import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.ValueSerdes;
import dev.govwatch.validator.Deadlines;
import dev.govwatch.validator.Rules;
import dev.govwatch.validator.Validation;
import dev.govwatch.validator.ValidatorTopology;

/** The services warm up on pages that take the paths real reports take: read as reports, judged, one alert raised. */
class WarmUpTest {

    @Test
    void everyBuiltInPageIsReadAsAReportWithItsTables() {
        ReportExtractor extractor = new ReportExtractor();
        List<AnnualReport> reports = WarmUpPages.pages().stream().map(p -> extractor.extract(p, Instant.now()))
                .map(e -> {
                    assertThat(e).isInstanceOf(Extraction.Report.class);
                    return ((Extraction.Report) e).report();
                }).toList();

        assertThat(reports).hasSize(8);
        assertThat(reports).allSatisfy(r -> assertThat(r.getReportKey()).contains("预热县"));
        // Tables 二, 三 and 四 read from every page, GBK without a charset header as well as UTF-8.
        assertThat(reports).allSatisfy(r -> assertThat(r.getTables()).hasSizeGreaterThanOrEqualTo(3));
    }

    @Test
    void theValidatorsWarmUpRaisesTheAlertItsPagesCarry() {
        ReportExtractor extractor = new ReportExtractor();
        List<AnnualReport> reports = WarmUpPages.pages().stream()
                .map(p -> ((Extraction.Report) extractor.extract(p, Instant.now())).report()).toList();
        Validation validation = new Validation(Rules.ALL, Deadlines.national());

        List<Alert> alerts = validation.evaluate(reports.get(1), reports.get(0), null, Instant.now());

        assertThat(alerts).extracting(a -> a.getRule().toString()).contains("T4_TOTALS");
    }

    @Test
    void bothWarmUpsRunWithinTheirBudgetOnThePlainSerdes() {
        int pages = new ExtractorWarmUp(ValueSerdes.binary()).run(Duration.ofMillis(1_500));
        int reports = new ValidatorWarmUp(ValueSerdes.binary(), ValidatorTopology.APPLICATION_ID, Deadlines.national()).run(Duration.ofMillis(500));

        assertThat(pages).isPositive().isLessThanOrEqualTo(ExtractorWarmUp.MAX_PAGES);
        assertThat(reports).isPositive().isLessThanOrEqualTo(ValidatorWarmUp.MAX_REPORTS);
    }

    @Test
    void theValidatorsWarmUpRunsItsTopologyRaisingAlertsAndLeavesNoStateBehind() {
        ValidatorWarmUp warmUp = new ValidatorWarmUp(ValueSerdes.binary(), ValidatorTopology.APPLICATION_ID, Deadlines.national());
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Supplier<Long> stateDirs = () -> {
            try (var dirs = Files.list(tmp)) {
                return dirs.filter(d -> d.getFileName().toString().startsWith("govwatch-validator-warm-up")).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        long before = stateDirs.get();

        int reports = warmUp.run(Duration.ofMillis(2_000));

        // Every pass over the eight pages sends each agency's reports again as new versions: the
        // T4 total raises its alert, the versions raise CHANGED.
        assertThat(reports).isGreaterThanOrEqualTo(8);
        assertThat(warmUp.alertsWritten()).isPositive();
        assertThat(stateDirs.get()).isEqualTo(before);
    }
}
