package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.govwatch.extractor.ExtractorTopology;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.Stack;
import dev.govwatch.stack.StackExtension;
import dev.govwatch.streams.ServiceConfig;
import dev.govwatch.streams.StreamsService;

/**
 * {@code govwatch validator} with its state directory on a read-only file system, and on one that
 * fills up in the middle of a stream. Each runs in a private mount namespace ({@code unshare -rm},
 * no root needed where user namespaces are allowed; skipped where they are not) on a small tmpfs,
 * so that the disk is really full or really read-only.
 */
@ExtendWith(StackExtension.class)
class StateDirectoryFaultIT {

    private static final int PAGES = 1_500;

    @BeforeAll
    static void namespacesAvailable() throws Exception {
        boolean ok;
        try {
            Process p = new ProcessBuilder("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /tmp && true")
                    .redirectErrorStream(true).start();
            ok = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            ok = false;
        }
        assumeTrue(ok, "needs unshare -rm and a tmpfs mount in a user namespace");
    }

    @Test
    void aReadOnlyStateDirectoryIsAClearErrorAndExitOne(Stack stack, @TempDir Path dir) throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Process validator = confined(stack, "ro", state, dir.resolve("none"), "it-ro-validator-" + UUID.randomUUID(), dir.resolve("ro.log"));
        assertThat(validator.waitFor(2, TimeUnit.MINUTES)).as("exits").isTrue();
        String log = Files.readString(dir.resolve("ro.log"));
        assertThat(validator.exitValue()).as(log).isEqualTo(1);
        assertThat(log).contains("cannot write to the state directory " + state.toAbsolutePath())
                .contains("Read-only file system");
    }

    @Test
    void aFullStateDirectoryIsAClearErrorAndCorruptsNothing(Stack stack, @TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        GeneratedPages pages = new GeneratedPages("disk.example/" + run, "满盘县" + run);
        Path state = Files.createDirectories(dir.resolve("state"));
        Path spaceReturns = dir.resolve("space-returns");
        Path log = dir.resolve("full.log");
        ServiceConfig extractorConfig = ServiceConfig.of(ExtractorTopology.APPLICATION_ID, Map.of(
                ServiceConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(), ServiceConfig.REGISTRY_URL, stack.registryUrl(),
                ServiceConfig.APPLICATION_ID, "it-disk-extractor-" + run, ServiceConfig.STATE_DIR, dir.resolve("e").toString()));
        Process validator = confined(stack, "full", state, spaceReturns, "it-disk-validator-" + run, log);
        try (KafkaProducer<String, FetchedPage> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
                new StringSerializer(), AvroSerdes.<FetchedPage>serializer(stack.registry()));
             StreamsService extractor = StreamsService.start("extractor", ExtractorTopology.build(extractorConfig), extractorConfig,
                     (short) 1, Duration.ofMinutes(2))) {
            pages.publish(producer, 0, PAGES);
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (!Files.readString(log).contains("govwatch exited with") && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            String whileFull = Files.readString(log);
            assertThat(whileFull).as("the validator gives up on a full disk with exit code 1").contains("govwatch exited with 1");
            assertThat(whileFull).as("and says why").contains("cannot write to the state directory " + state.toAbsolutePath())
                    .contains("No space left on device");
            int alertsWhileFull = count(stack, Topics.ALERTS.name(), run);
            int deadWhileFull = deadLetters(stack, run);

            // Space returns; the validator starts again on what the failed run left in the directory.
            Files.writeString(spaceReturns, "now");
            deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (count(stack, Topics.ALERTS.name(), run) < PAGES && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
            }
            // The stores must be whole: corrected pages resolve exactly the alerts they answer.
            pages.publishCorrected(producer, 0, PAGES / 10);
            deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (count(stack, Topics.ALERTS.name(), run) < PAGES + PAGES / 10 && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
            }
            Thread.sleep(3_000);
            Map<String, Integer> alerts = CommittedRecords.perKey(stack.bootstrapServers(), stack.registry(), Topics.ALERTS.name(), run);
            long opened = alerts.keySet().stream().filter(k -> k.endsWith(" OPEN")).count();
            long resolved = alerts.keySet().stream().filter(k -> k.endsWith(" RESOLVED")).count();
            assertThat(alertsWhileFull).as("alerts while the disk was full").isZero();
            assertThat(deadWhileFull).as("dead letters while the disk was full").isZero();
            assertThat(deadLetters(stack, run)).as("dead letters").isZero();
            long changed = CommittedRecords.read(stack.bootstrapServers(), stack.registry(), Topics.ALERTS.name()).stream()
                    .filter(v -> v instanceof dev.govwatch.schemas.Alert a && a.getAgency() != null && a.getAgency().contains(run)
                            && a.getCategory().name().equals("CHANGED"))
                    .count();
            // Each correction resolves its INCONSISTENT alert and opens a CHANGED one (a published report changed).
            assertThat(changed).as("CHANGED alerts").isEqualTo(PAGES / 10);
            assertThat(opened).as("opened").isEqualTo(PAGES + changed);
            assertThat(resolved).as("resolved").isEqualTo(PAGES / 10);
            assertThat(alerts).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
            System.out.printf("state directory full: the validator exited 1 naming the cause, nothing dead-lettered; once space "
                    + "returned, restarted on the same directory: %d opened, %d resolved by corrected pages, each once%n", opened, resolved);
        } finally {
            validator.descendants().forEach(ProcessHandle::destroy);
            validator.destroy();
            if (!validator.waitFor(60, TimeUnit.SECONDS)) {
                validator.descendants().forEach(ProcessHandle::destroyForcibly);
                validator.destroyForcibly();
            }
        }
    }

    /**
     * {@code govwatch validator} in its own mount namespace with {@code state} on a 48 MiB tmpfs:
     * remounted read-only ({@code ro}), or ({@code full}) filled to the last block by a ballast file;
     * when that run ends and {@code spaceReturns} appears, the ballast goes and the validator starts
     * again on the same directory.
     */
    private static Process confined(Stack stack, String mode, Path state, Path spaceReturns, String appId, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = """
                set -e
                mount -t tmpfs -o size=48m tmpfs "$STATE"
                if [ "$MODE" = ro ]; then mount -o remount,ro "$STATE"; fi
                if [ "$MODE" = full ]; then dd if=/dev/zero of="$STATE/ballast" bs=64k 2>/dev/null || true; fi
                set +e
                df -k "$STATE" | tail -1
                "$@"
                rc=$?
                echo "govwatch exited with $rc"
                [ "$MODE" = full ] || exit $rc
                while [ ! -f "$SPACE_RETURNS" ]; do sleep 0.2; done
                rm -f "$STATE/ballast"
                echo "ballast removed; starting again"
                exec "$@"
                """;
        List<String> command = new ArrayList<>(List.of("unshare", "-rm", "sh", "-c", script, "confined",
                java, "-Xmx512m", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.govwatch.schemas",
                "-cp", System.getProperty("java.class.path"), Govwatch.class.getName(), "validator",
                "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl(),
                "--application-id", appId, "--state-dir", state.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File(log.toString()));
        builder.environment().put("STATE", state.toString());
        builder.environment().put("MODE", mode);
        builder.environment().put("SPACE_RETURNS", spaceReturns.toString());
        builder.environment().put("GOVWATCH_KAFKA_SESSION_TIMEOUT_MS", "10000");
        return builder.start();
    }

    private static int count(Stack stack, String topic, String run) {
        return CommittedRecords.perKey(stack.bootstrapServers(), stack.registry(), topic, run).values().stream()
                .mapToInt(Integer::intValue).sum();
    }

    private static int deadLetters(Stack stack, String run) {
        return (int) CommittedRecords.read(stack.bootstrapServers(), stack.registry(), Topics.DEAD_LETTERS.name()).stream()
                .filter(v -> v instanceof dev.govwatch.schemas.DeadLetter d && d.getKey() != null && d.getKey().contains(run))
                .count();
    }
}
