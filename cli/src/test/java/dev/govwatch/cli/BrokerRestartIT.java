package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
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
 * The broker (with the registry: the whole embedded stack) stopped in the middle of a stream and
 * started again on its data directory, while the extractor and validator keep running: once it is
 * back, every page has exactly one report and one alert, none lost, none doubled.
 */
class BrokerRestartIT {

    /**
     * Enough pages that the broker is stopped well before the extractor is through them: at 2,000 it
     * had finished them all once extraction took half the time (12-01), and the stop was no longer
     * in the middle.
     */
    private static final int PAGES = 5_000;

    @Test
    void theServicesRideOutABrokerRestart(@TempDir Path dir) throws Exception {
        StackConfig config = StackConfig.fromSystemProperties(Map.of(StackConfig.DATA_DIR, dir.resolve("stack").toString()));
        EmbeddedStack stack = EmbeddedStack.start(config, true);
        try (KafkaProducer<String, FetchedPage> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
                new StringSerializer(), AvroSerdes.<FetchedPage>serializer(stack.registry()))) {
            new GeneratedPages("restart.example", "重启县").publish(producer, 0, PAGES);
        }
        String bootstrap = stack.bootstrapServers();
        String registry = stack.registryUrl();
        long atStop;
        // The broker goes down as soon as the reports topic's end offsets cross the mark. The validator
        // starts first and the admin client is connected beforehand: the extractor, started first, had
        // read ~3,000 of the 5,000 pages by the time the validator was up (fresh-clone-checks on eefbaaa
        // and fa354d4 stopped the broker at 2,946 and 3,091), too near the end for a faster machine.
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
             StreamsService validator = service(ValidatorTopology.APPLICATION_ID, bootstrap, registry, dir, false);
             StreamsService extractor = startAfter(() -> written(admin, Topics.REPORTS.name(), Topics.REPORTS.partitions()),
                     () -> service(ExtractorTopology.APPLICATION_ID, bootstrap, registry, dir, true))) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while ((atStop = written(admin, Topics.REPORTS.name(), Topics.REPORTS.partitions())) < PAGES / 20
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            stack.close();
            assertThat(atStop).as("stopped in the middle").isBetween(1L, PAGES - 1L);
            Thread.sleep(5_000);
            stack = EmbeddedStack.start(config, true);
            assertThat(stack.bootstrapServers()).as("the same address again").isEqualTo(bootstrap);

            deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while ((count(bootstrap, stack, Topics.REPORTS.name()).size() < PAGES || count(bootstrap, stack, Topics.ALERTS.name()).size() < PAGES)
                    && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
            }
            Thread.sleep(3_000);
            Map<String, Integer> reports = count(bootstrap, stack, Topics.REPORTS.name());
            Map<String, Integer> alerts = count(bootstrap, stack, Topics.ALERTS.name());
            assertThat(reports).hasSize(PAGES).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
            assertThat(alerts).hasSize(PAGES).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
            System.out.printf("broker stopped at %d records (reports and commit markers) of %d reports for 5 s; afterwards %d reports and %d alerts, each once%n",
                    atStop, PAGES, reports.size(), alerts.size());
        } finally {
            stack.close();
        }
    }

    /** Runs {@code first} (a connection made before the clock matters), then starts the service. */
    private static StreamsService startAfter(java.util.concurrent.Callable<?> first, java.util.function.Supplier<StreamsService> service)
            throws Exception {
        first.call();
        return service.get();
    }

    private static StreamsService service(String appId, String bootstrap, String registry, Path dir, boolean extractor) {
        ServiceConfig config = ServiceConfig.of(appId, Map.of(ServiceConfig.BOOTSTRAP_SERVERS, bootstrap, ServiceConfig.REGISTRY_URL, registry,
                ServiceConfig.STATE_DIR, dir.resolve("streams").toString()));
        return StreamsService.start(appId, extractor ? ExtractorTopology.build(config)
                : ValidatorTopology.build(config, Deadlines.national(), ValidatorTopology.MissingPolicy.defaults()),
                config, (short) 1, Duration.ofMinutes(2));
    }
    /** Records written to {@code topic} so far, committed or not, commit markers included: its end offsets' sum. */
    private static long written(Admin admin, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            ends.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS).values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
    }

    /** Report URLs or alert ids (with status) → how often they are on the topic. */
    private static Map<String, Integer> count(String bootstrap, EmbeddedStack stack, String topic) {
        return CommittedRecords.perKey(bootstrap, stack.registry(), topic, topic.equals(Topics.REPORTS.name()) ? "restart.example" : "重启县");
    }
}
