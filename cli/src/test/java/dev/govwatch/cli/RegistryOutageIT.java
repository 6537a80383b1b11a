package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.govwatch.extractor.ExtractorTopology;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.EmbeddedStack;
import dev.govwatch.stack.StackConfig;
import dev.govwatch.streams.ServiceConfig;
import dev.govwatch.streams.StreamsService;
import dev.govwatch.validator.Deadlines;
import dev.govwatch.validator.ValidatorTopology;

/**
 * The registry down for a minute on its own, the broker up. The page producer and the extractor
 * have the schemas they need cached and keep going; the validator has read nothing yet (it was
 * paused until the outage began), so it cannot read a single report: instead of dead-lettering them
 * it retries until the registry is back. Afterwards every page has exactly one report and one
 * alert, and no dead letter was written.
 */
class RegistryOutageIT {

    private static final int PAGES = 1_600;
    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    void aMinuteWithoutTheRegistryLosesAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        StackConfig config = StackConfig.fromSystemProperties(Map.of(StackConfig.DATA_DIR, dir.resolve("stack").toString()));
        EmbeddedStack stack = EmbeddedStack.start(config, true);
        String bootstrap = stack.bootstrapServers();
        String registry = stack.registryUrl();
        GeneratedPages pages = new GeneratedPages("outage.example", "停服县");
        try (KafkaProducer<String, FetchedPage> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), AvroSerdes.<FetchedPage>serializer(stack.registry()));
             StreamsService validator = service(ValidatorTopology.APPLICATION_ID, bootstrap, registry, dir.resolve("v"), false);
             StreamsService extractor = service(ExtractorTopology.APPLICATION_ID, bootstrap, registry, dir.resolve("e"), true)) {
            validator.streams().pause();
            pages.publish(producer, 0, PAGES / 2);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (CommittedRecords.count(bootstrap, Topics.REPORTS.name()) < PAGES / 2 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(CommittedRecords.count(bootstrap, Topics.ALERTS.name())).as("the paused validator has read nothing").isZero();

            stack.stopRegistry();
            long down = System.nanoTime();
            int reportsAtStop = CommittedRecords.count(bootstrap, Topics.REPORTS.name());
            pages.publish(producer, PAGES / 2, PAGES);
            validator.streams().resume();
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - down).toMillis()));
            int reportsDuringOutage = CommittedRecords.count(bootstrap, Topics.REPORTS.name()) - reportsAtStop;
            int alertsDuringOutage = CommittedRecords.count(bootstrap, Topics.ALERTS.name());
            int deadDuringOutage = CommittedRecords.count(bootstrap, Topics.DEAD_LETTERS.name());
            assertThat(validator.hasFailed()).as("the validator is still alive").isFalse();
            stack.startRegistry();
            long up = System.nanoTime();

            deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (CommittedRecords.count(bootstrap, Topics.ALERTS.name()) < PAGES && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            long caughtUp = Duration.ofNanos(System.nanoTime() - up).toSeconds();
            Thread.sleep(3_000);
            Map<String, Integer> reports = CommittedRecords.perKey(bootstrap, stack.registry(), Topics.REPORTS.name(), "outage.example");
            Map<String, Integer> alerts = CommittedRecords.perKey(bootstrap, stack.registry(), Topics.ALERTS.name(), "停服县");
            assertThat(reportsDuringOutage).as("the extractor kept extracting on cached schemas").isEqualTo(PAGES / 2);
            assertThat(alertsDuringOutage).as("the validator, with nothing cached, could not read a report").isZero();
            assertThat(deadDuringOutage).as("dead letters written during the outage").isZero();
            assertThat(CommittedRecords.count(bootstrap, Topics.DEAD_LETTERS.name())).as("dead letters").isZero();
            assertThat(reports).hasSize(PAGES).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
            assertThat(alerts).hasSize(PAGES).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
            System.out.printf("registry down %d s: the extractor extracted %d reports meanwhile, the validator waited; "
                            + "%d s after it returned: %d reports and %d alerts, each once, no dead letter%n",
                    OUTAGE.toSeconds(), reportsDuringOutage, caughtUp, reports.size(), alerts.size());
        } finally {
            stack.close();
        }
    }

    private static StreamsService service(String appId, String bootstrap, String registry, Path state, boolean extractor) {
        ServiceConfig config = ServiceConfig.of(appId, Map.of(ServiceConfig.BOOTSTRAP_SERVERS, bootstrap, ServiceConfig.REGISTRY_URL, registry,
                ServiceConfig.STATE_DIR, state.toString()));
        return StreamsService.start(appId, extractor ? ExtractorTopology.build(config)
                : ValidatorTopology.build(config, Deadlines.national(), ValidatorTopology.MissingPolicy.defaults()),
                config, (short) 1, Duration.ofMinutes(3));
    }
}
