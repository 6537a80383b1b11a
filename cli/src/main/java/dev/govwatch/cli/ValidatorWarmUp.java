package dev.govwatch.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.Serde;

import dev.govwatch.extractor.Extraction;
import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Topics;
import dev.govwatch.schemas.ValueSerdes;
import dev.govwatch.streams.WarmUp;
import dev.govwatch.validator.Deadlines;
import dev.govwatch.validator.Rules;
import dev.govwatch.validator.Validation;

/**
 * The validator's warm-up: the reports of the built-in pages ({@link WarmUpPages}) read off the
 * reports topic's serde and judged by every rule against the previous year's, their alerts written
 * through the alerts topic's serde, until the budget or {@link #MAX_REPORTS} is spent.
 */
public final class ValidatorWarmUp implements WarmUp {

    static final int MAX_REPORTS = 20_000;

    private final ValueSerdes serdes;
    private final Deadlines deadlines;

    public ValidatorWarmUp(ValueSerdes serdes, Deadlines deadlines) {
        this.serdes = serdes;
        this.deadlines = deadlines;
    }

    @Override
    public int run(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        ReportExtractor extractor = new ReportExtractor();
        List<AnnualReport> reports = new ArrayList<>();
        for (FetchedPage page : WarmUpPages.pages()) {
            if (extractor.extract(page, Instant.now()) instanceof Extraction.Report report) {
                reports.add(report.report());
            }
        }
        if (reports.size() < 2) {
            return 0;
        }
        Validation validation = new Validation(Rules.ALL, deadlines);
        try (Serde<AnnualReport> reportSerde = serdes.forTopic(Topics.REPORTS); Serde<Alert> alertSerde = serdes.forTopic(Topics.ALERTS)) {
            List<byte[]> wire = reports.stream().map(r -> reportSerde.serializer().serialize(Topics.REPORTS.name(), r)).toList();
            int n = 0;
            while (n < MAX_REPORTS && System.nanoTime() < deadline) {
                // The pages come in pairs, one agency's 2023 and 2024 reports: judge the later against the earlier.
                int pair = (n % (reports.size() / 2)) * 2;
                AnnualReport previous = reportSerde.deserializer().deserialize(Topics.REPORTS.name(), wire.get(pair));
                AnnualReport report = reportSerde.deserializer().deserialize(Topics.REPORTS.name(), wire.get(pair + 1));
                for (Alert alert : validation.evaluate(report, previous, null, Instant.now())) {
                    alertSerde.serializer().serialize(Topics.ALERTS.name(), alert);
                }
                n++;
            }
            return n;
        }
    }
}
