package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.Stack;
import dev.govwatch.stack.EmbeddedStack;

/**
 * The extractor and the validator, each in its own JVM as {@code govwatch extractor|validator},
 * killed with SIGKILL in the middle of a stream of pages and started again: every page yields
 * exactly one report and exactly one alert on the read_committed topics, none lost, none doubled.
 */
class KillRecoveryIT {

    /** The scale (about 5 min here); {@code -Dgovwatch.it.kill.pages=5000} for a quick run. */
    private static final int PAGES = Integer.getInteger("govwatch.it.kill.pages", 100_000);

    @Test
    void killedServicesLoseAndDuplicateNothing(@TempDir Path state, @TempDir Path stackDir) throws Exception {
        // A stack of its own: 100,000 pages (2.4 GB) on the shared one would slow every later test
        // that reads its topics, and the temporary directory gives the space back afterwards.
        try (EmbeddedStack stack = EmbeddedStack.start(stackDir)) {
            killAndRestart(stack, state);
        }
    }

    private static void killAndRestart(Stack stack, Path state) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String bootstrap = stack.bootstrapServers();
        // Progress is watched by raw counts over the topics (cheap at 100,000 pages);
        // the exactly-once check at the end reads this run's records only.
        int reportsBefore = CommittedRecords.count(bootstrap, Topics.REPORTS.name());
        int alertsBefore = CommittedRecords.count(bootstrap, Topics.ALERTS.name());
        try (KafkaProducer<String, FetchedPage> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
                new StringSerializer(), AvroSerdes.<FetchedPage>serializer(stack.registry()))) {
            // Enough pages that the services are still busy when the first reports show.
            new GeneratedPages("kill.example/" + run, "断电县" + run).publish(producer, 0, PAGES);
        }
        String extractorId = "it-kill-extractor-" + run;
        String validatorId = "it-kill-validator-" + run;
        Process extractor = service(stack, "extractor", extractorId, state.resolve("e1"));
        Process validator = service(stack, "validator", validatorId, state.resolve("v1"));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).plusSeconds(PAGES / 100).toNanos();
        while (CommittedRecords.count(bootstrap, Topics.REPORTS.name()) - reportsBefore < PAGES / 4 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        extractor.destroyForcibly().waitFor(30, TimeUnit.SECONDS);   // SIGKILL: no commit, no leave-group
        validator.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int reportsAtKill = CommittedRecords.count(bootstrap, Topics.REPORTS.name()) - reportsBefore;
        assertThat(reportsAtKill).as("killed in the middle").isBetween(1, PAGES - 1);

        // Restarted with fresh local state: what was committed is restored from the changelogs.
        extractor = service(stack, "extractor", extractorId, state.resolve("e2"));
        validator = service(stack, "validator", validatorId, state.resolve("v2"));
        try {
            deadline = System.nanoTime() + Duration.ofMinutes(5).plusSeconds(PAGES / 50).toNanos();
            long restarted = System.nanoTime();
            while ((CommittedRecords.count(bootstrap, Topics.REPORTS.name()) - reportsBefore < PAGES
                    || CommittedRecords.count(bootstrap, Topics.ALERTS.name()) - alertsBefore < PAGES)
                    && System.nanoTime() < deadline) {
                Thread.sleep(PAGES > 10_000 ? 10_000 : 1_000);
            }
            long catchUp = Duration.ofNanos(System.nanoTime() - restarted).toSeconds();
            Thread.sleep(5000); // anything doubled would show up by now
            Map<String, Integer> reports = perKey(stack, Topics.REPORTS.name(), run);
            Map<String, Integer> alerts = perKey(stack, Topics.ALERTS.name(), run);
            assertThat(reports).hasSize(PAGES).allSatisfy((url, n) -> assertThat(n).as(url).isEqualTo(1));
            assertThat(alerts).hasSize(PAGES).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
            System.out.printf("killed at %d of %d reports; after the restart (%d s): %d reports, %d alerts, none doubled%n",
                    reportsAtKill, PAGES, catchUp, reports.size(), alerts.size());
        } finally {
            extractor.destroy();
            validator.destroy();
            extractor.waitFor(60, TimeUnit.SECONDS);
            validator.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static Process service(Stack stack, String service, String appId, Path state) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.govwatch.schemas",
                "-cp", System.getProperty("java.class.path"), Govwatch.class.getName(), service,
                "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl(),
                "--application-id", appId, "--state-dir", state.toString())
                .redirectErrorStream(true).redirectOutput(new File(state + ".log"));
        // A killed member leaves no leave-group request: a short session lets the restarted one take over sooner.
        builder.environment().put("GOVWATCH_KAFKA_SESSION_TIMEOUT_MS", "10000");
        return builder.start();
    }

    private static Map<String, Integer> perKey(Stack stack, String topic, String run) {
        return CommittedRecords.perKey(stack.bootstrapServers(), stack.registry(), topic, run);
    }
}
