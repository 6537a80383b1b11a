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
import dev.govwatch.validator.ValidatorTopology;

/**
 * The validator's warm-up: the registry lookups of its internal topics made
 * ({@link ValidatorTopology#internalTopicSchemas}), then the reports of the built-in pages
 * ({@link WarmUpPages}) decoded from Avro and judged by every rule against the same agency's
 * previous year, their alerts written through the service's own alerts serde, until the budget or
 * {@link #MAX_REPORTS} is spent.
 * Reports go through plain Avro: only the extractor registers the reports topic's schema.
 */
public final class ValidatorWarmUp implements WarmUp {

    static final int MAX_REPORTS = 20_000;

    private final ValueSerdes serdes;
    private final String applicationId;
    private final Deadlines deadlines;

    /** @param applicationId the service's, whose repartition topics and changelogs are looked up in the registry */
    public ValidatorWarmUp(ValueSerdes serdes, String applicationId, Deadlines deadlines) {
        this.serdes = serdes;
        this.applicationId = applicationId;
        this.deadlines = deadlines;
    }

    @Override
    public int run(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        ValidatorTopology.internalTopicSchemas(applicationId).forEach(serdes::lookUp);
        ReportExtractor extractor = new ReportExtractor();
        List<FetchedPage> pages = WarmUpPages.pages();
        // Pairs of one agency's two years, as WarmUpPages lists them: judge the later against the earlier.
        List<AnnualReport[]> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < pages.size(); i += 2) {
            if (extractor.extract(pages.get(i), Instant.now()) instanceof Extraction.Report earlier
                    && extractor.extract(pages.get(i + 1), Instant.now()) instanceof Extraction.Report later) {
                pairs.add(new AnnualReport[] {earlier.report(), later.report()});
            }
        }
        if (pairs.isEmpty()) {
            return 0;
        }
        Validation validation = new Validation(Rules.ALL, deadlines);
        try (Serde<AnnualReport> reportSerde = ValueSerdes.binary().forTopic(Topics.REPORTS);
             Serde<Alert> alertSerde = serdes.forTopic(Topics.ALERTS)) {
            List<byte[][]> wire = pairs.stream().map(p -> new byte[][] {
                reportSerde.serializer().serialize(Topics.REPORTS.name(), p[0]),
                reportSerde.serializer().serialize(Topics.REPORTS.name(), p[1])}).toList();
            int n = 0;
            while (n < MAX_REPORTS && System.nanoTime() < deadline) {
                byte[][] pair = wire.get(n % wire.size());
                AnnualReport previous = reportSerde.deserializer().deserialize(Topics.REPORTS.name(), pair[0]);
                AnnualReport report = reportSerde.deserializer().deserialize(Topics.REPORTS.name(), pair[1]);
                for (Alert alert : validation.evaluate(report, previous, null, Instant.now())) {
                    alertSerde.serializer().serialize(Topics.ALERTS.name(), alert);
                }
                n++;
            }
            return n;
        }
    }
}
