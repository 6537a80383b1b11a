package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.Stack;
import dev.govwatch.stack.StackExtension;

/**
 * The extractor and the validator, each in its own JVM as {@code govwatch extractor|validator},
 * killed with SIGKILL in the middle of a stream of pages and started again: every page yields
 * exactly one report and exactly one alert on the read_committed topics, none lost, none doubled.
 */
@ExtendWith(StackExtension.class)
class KillRecoveryIT {

    private static final int PAGES = 5_000;

    @Test
    void killedServicesLoseAndDuplicateNothing(Stack stack, @TempDir Path state) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        try (KafkaProducer<String, FetchedPage> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
                new StringSerializer(), AvroSerdes.<FetchedPage>serializer(stack.registry()))) {
            Report2021Page[] templates = new Report2021Page[10];
            for (int i = 0; i < PAGES; i++) {
                // Enough pages that the services are still busy when the first reports show.
                Report2021Page page = templates[i % 10] != null ? templates[i % 10] : (templates[i % 10] = new Report2021Page(i % 10));
                String url = "http://kill.example/" + run + "/" + i + ".html";
                String html = page.withReviewTotalOffBy(page.as("断电县" + run + "第" + i + "局", 2025, "2026-01-15"), 5);
                producer.send(new ProducerRecord<>(Topics.PAGES.name(), url, FetchedPage.newBuilder().setUrl(url).setPortalId("kill")
                        .setFetchedAt(Instant.now()).setHttpStatus(200).setContentType("text/html; charset=UTF-8").setCharset("UTF-8")
                        .setBody(ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8))).setSha256(url).build()));
            }
        }
        String extractorId = "it-kill-extractor-" + run;
        String validatorId = "it-kill-validator-" + run;
        Process extractor = service(stack, "extractor", extractorId, state.resolve("e1"));
        Process validator = service(stack, "validator", validatorId, state.resolve("v1"));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (count(stack, Topics.REPORTS.name(), run) < PAGES / 4 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        extractor.destroyForcibly().waitFor(30, TimeUnit.SECONDS);   // SIGKILL: no commit, no leave-group
        validator.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int reportsAtKill = count(stack, Topics.REPORTS.name(), run);
        assertThat(reportsAtKill).as("killed in the middle").isBetween(1, PAGES - 1);

        // Restarted with fresh local state: what was committed is restored from the changelogs.
        extractor = service(stack, "extractor", extractorId, state.resolve("e2"));
        validator = service(stack, "validator", validatorId, state.resolve("v2"));
        try {
            deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while ((count(stack, Topics.REPORTS.name(), run) < PAGES || count(stack, Topics.ALERTS.name(), run) < PAGES)
                    && System.nanoTime() < deadline) {
                Thread.sleep(1000);
            }
            Thread.sleep(5000); // anything doubled would show up by now
            Map<String, Integer> reports = perKey(stack, Topics.REPORTS.name(), run);
            Map<String, Integer> alerts = perKey(stack, Topics.ALERTS.name(), run);
            assertThat(reports).hasSize(PAGES).allSatisfy((url, n) -> assertThat(n).as(url).isEqualTo(1));
            assertThat(alerts).hasSize(PAGES).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
            System.out.printf("killed at %d of %d reports; after the restart: %d reports, %d alerts, none doubled%n",
                    reportsAtKill, PAGES, reports.size(), alerts.size());
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

    /** Records on the topic that belong to this run (read_committed: what consumers see). */
    private static int count(Stack stack, String topic, String run) {
        return perKey(stack, topic, run).values().stream().mapToInt(Integer::intValue).sum();
    }
    /** Report URLs or alert ids (with status) of this run → how often they are on the topic. */
    private static Map<String, Integer> perKey(Stack stack, String topic, String run) {
        Map<String, Integer> counts = new HashMap<>();
        for (Object value : CommittedRecords.read(stack.bootstrapServers(), stack.registry(), topic)) {
            if (value instanceof AnnualReport r && r.getSourceUrl().contains(run)) {
                counts.merge(r.getSourceUrl(), 1, Integer::sum);
            } else if (value instanceof Alert a && a.getAgency() != null && a.getAgency().contains(run)) {
                counts.merge(a.getId() + " " + a.getStatus(), 1, Integer::sum);
            }
        }
        return counts;
    }

}
