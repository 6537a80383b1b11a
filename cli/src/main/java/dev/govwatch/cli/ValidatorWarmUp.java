package dev.govwatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import dev.govwatch.extractor.Extraction;
import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.ReportKey;
import dev.govwatch.schemas.Topics;
import dev.govwatch.schemas.ValueSerdes;
import dev.govwatch.streams.ServiceConfig;
import dev.govwatch.streams.WarmUp;
import dev.govwatch.validator.Deadlines;
import dev.govwatch.validator.ValidatorTopology;

/**
 * The validator's warm-up: the registry lookups of its internal topics made
 * ({@link ValidatorTopology#internalTopicSchemas}), then the reports of the built-in pages
 * ({@link WarmUpPages}) run through the validator's own topology in process — re-keyed, judged
 * against the same agency's other year, stored in RocksDB stores like the service's, their alerts
 * opened, changed and resolved in the ledger — and the alerts written through the service's own
 * alerts serde, until the budget or {@link #MAX_REPORTS} is spent.
 *
 * <p>The topology runs on Kafka Streams' {@link TopologyTestDriver} with plain Avro serdes and a
 * state directory of its own that is deleted afterwards: nothing reaches Kafka or the service's
 * state. Judging reports alone (the rules without the processor) left the stores, the ledger and
 * Kafka Streams' record path to be compiled on the first real reports, which then took 0.6–2.3 s
 * to their alerts against 0.35 s once warm (docs/BENCHMARKS.md, latency).
 */
public final class ValidatorWarmUp implements WarmUp {

    static final int MAX_REPORTS = 20_000;

    /**
     * Agencies the warm-up cycles through: each comes back as a new version of its reports (the
     * changed-report path), and the stores stay small.
     */
    static final int AGENCIES = 200;

    private final ValueSerdes serdes;
    private final String applicationId;
    private final Deadlines deadlines;
    private int alertsWritten;

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
        List<AnnualReport> reports = new ArrayList<>();
        for (var page : WarmUpPages.pages()) {
            if (extractor.extract(page, Instant.now()) instanceof Extraction.Report report) {
                reports.add(report.report());
            }
        }
        if (reports.isEmpty()) {
            return 0;
        }
        Path stateDir = createStateDir();
        ServiceConfig config = ServiceConfig.of(applicationId, Map.of(ServiceConfig.BOOTSTRAP_SERVERS, "warm-up.invalid:9092",
                ServiceConfig.SERDES, "binary", ServiceConfig.STATE_DIR, stateDir.toString(),
                // Dead letters and commits have no broker here; the records' path through the processor is the same.
                ServiceConfig.PROCESSING_GUARANTEE, "at_least_once"));
        try (TopologyTestDriver driver = new TopologyTestDriver(ValidatorTopology.build(config, deadlines), config.streamsProperties());
             Serde<AnnualReport> reportSerde = ValueSerdes.binary().forTopic(Topics.REPORTS);
             Serde<Alert> plainAlerts = ValueSerdes.binary().forTopic(Topics.ALERTS);
             Serde<Alert> alertSerde = serdes.forTopic(Topics.ALERTS)) {
            TestInputTopic<String, AnnualReport> in = driver.createInputTopic(Topics.REPORTS.name(), new StringSerializer(),
                    reportSerde.serializer());
            TestOutputTopic<String, Alert> out = driver.createOutputTopic(Topics.ALERTS.name(), new StringDeserializer(),
                    plainAlerts.deserializer());
            int n = 0;
            while (n < MAX_REPORTS && System.nanoTime() < deadline) {
                // In the order WarmUpPages lists them (an agency's earlier year, then its later one), under an agency
                // of the cycle, and as a new version of what that agency sent the last time round.
                AnnualReport report = reports.get(n % reports.size());
                String agency = "预热县第" + (n / reports.size()) % AGENCIES + "局";
                report.setAgency(agency);
                report.setReportKey(ReportKey.of(agency, report.getRegion(), report.getReportYear()).toString());
                report.setPageSha256(Integer.toHexString(n));
                in.pipeInput(report.getReportKey(), report);
                for (Alert alert : out.readValuesToList()) {
                    alertSerde.serializer().serialize(Topics.ALERTS.name(), alert);
                    alertsWritten++;
                }
                n++;
            }
            return n;
        } finally {
            delete(stateDir);
        }
    }

    /** How many alerts the topology raised and the alerts serde wrote, over every run so far. */
    int alertsWritten() {
        return alertsWritten;
    }

    private static Path createStateDir() {
        try {
            return Files.createTempDirectory("govwatch-validator-warm-up");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the warm-up's state directory", e);
        }
    }

    private static void delete(Path dir) {
        try {
            DirectoryTree.delete(dir);
        } catch (IOException e) {
            // A temporary directory left behind costs disk, not correctness.
        }
    }
}
