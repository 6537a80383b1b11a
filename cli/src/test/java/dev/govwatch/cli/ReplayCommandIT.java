package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import dev.govwatch.extractor.Extraction;
import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.EmbeddedStack;
import dev.govwatch.stack.Stack;
import dev.govwatch.stack.StackExtension;
import dev.govwatch.streams.ServiceConfig;
import dev.govwatch.streams.StreamsService;
import dev.govwatch.validator.Deadlines;
import dev.govwatch.validator.ValidatorTopology;

/**
 * {@code govwatch replay validator} after a rule change (a deadline moved): the alert that no longer
 * holds resolves, nothing is sent twice, and changing the rule back opens it again.
 */
@ExtendWith(StackExtension.class)
class ReplayCommandIT {

    @Test
    void aReplayAfterARuleChangeResolvesAndReopensWithoutDuplicates(@TempDir Path state, @TempDir Path stackDir) throws Exception {
        // A stack of its own: the replay's summary counts every alert the replay sends, so the reports
        // other test classes leave on the shared stack (with their own LATE deadlines) must not be there.
        try (EmbeddedStack stack = EmbeddedStack.start(stackDir)) {
            String run = UUID.randomUUID().toString().substring(0, 6);
            String agency = "回放县" + run + "民政局";
            String appId = "it-replay-" + run;
            // A department's 2025 report published on 2026-02-15: late by the national deadline (01-31).
            FetchedPage page = FetchedPage.newBuilder().setUrl("http://replay.example/" + run + ".html").setPortalId("replay")
                    .setFetchedAt(Instant.now()).setHttpStatus(200).setContentType("text/html; charset=UTF-8").setCharset("UTF-8")
                    .setBody(ByteBuffer.wrap(new Report2021Page(21).as(agency, 2025, "2026-02-15").getBytes(StandardCharsets.UTF_8)))
                    .setSha256(run).build();
            AnnualReport report = ((Extraction.Report) new ReportExtractor().extract(page, Instant.now())).report();
            try (KafkaProducer<String, AnnualReport> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
                    new StringSerializer(), AvroSerdes.<AnnualReport>serializer(stack.registry()))) {
                producer.send(new ProducerRecord<>(Topics.REPORTS.name(), report.getReportKey(), report)).get();
            }

            // The validator as it ran before the fix.
            Map<String, Object> props = new HashMap<>(Map.of(ServiceConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                    ServiceConfig.REGISTRY_URL, stack.registryUrl(), ServiceConfig.APPLICATION_ID, appId,
                    ServiceConfig.STATE_DIR, state.toString()));
            ServiceConfig config = ServiceConfig.of(appId, props);
            try (StreamsService validator = StreamsService.start("validator", ValidatorTopology.build(config, Deadlines.national(),
                    ValidatorTopology.MissingPolicy.defaults()), config, (short) 1, Duration.ofMinutes(2))) {
                awaitAlerts(stack, agency, 1);
            }
            assertThat(alerts(stack, agency)).extracting(a -> a.getRule() + " " + a.getStatus()).containsExactly("LATE OPEN");

            String moved = replay(stack, appId, state, "DEPARTMENT=03-31");
            assertThat(moved).contains("record(s) to reprocess").contains("alerts: 0 opened (or updated), 1 resolved");
            assertThat(alerts(stack, agency)).extracting(a -> a.getRule() + " " + a.getStatus()).containsExactly("LATE OPEN", "LATE RESOLVED");

            String again = replay(stack, appId, state, "DEPARTMENT=03-31");
            assertThat(again).contains("alerts: 0 opened (or updated), 0 resolved");

            String back = replay(stack, appId, state, null);
            assertThat(back).contains("alerts: 1 opened (or updated), 0 resolved");
            List<Alert> all = alerts(stack, agency);
            assertThat(all).extracting(a -> a.getRule() + " " + a.getStatus()).containsExactly("LATE OPEN", "LATE RESOLVED", "LATE OPEN");
            assertThat(all.stream().map(Alert::getId).distinct()).hasSize(1);
        }
    }

    @Test
    void aRunningServiceIsNotReplayedUnderItsFeet(Stack stack, @TempDir Path state) throws Exception {
        String appId = "it-replay-busy-" + UUID.randomUUID().toString().substring(0, 6);
        ServiceConfig config = ServiceConfig.of(appId, Map.of(ServiceConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                ServiceConfig.REGISTRY_URL, stack.registryUrl(), ServiceConfig.STATE_DIR, state.resolve("a").toString()));
        try (StreamsService validator = StreamsService.start("validator", ValidatorTopology.build(config, Deadlines.national(),
                ValidatorTopology.MissingPolicy.defaults()), config, (short) 1, Duration.ofMinutes(2))) {
            StringWriter err = new StringWriter();
            int exit = new CommandLine(new Govwatch()).setErr(new PrintWriter(err, true)).setOut(new PrintWriter(new StringWriter()))
                    .execute("replay", "validator", "--from-beginning", "--application-id", appId,
                            "--state-dir", state.resolve("b").toString(),
                            "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl());
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).contains("still has 1 running instance(s); stop the validator first");
        }
    }

    private static String replay(Stack stack, String appId, Path state, String deadlines) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("replay", "validator", "--from-beginning", "--application-id", appId,
                "--state-dir", state.toString(), "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl()));
        if (deadlines != null) {
            args.add("--deadlines");
            args.add(deadlines);
        }
        int exit = new CommandLine(new Govwatch()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(err.toString()).contains("(100%)");
        return out.toString();
    }

    private static void awaitAlerts(Stack stack, String agency, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (alerts(stack, agency).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }

    private static List<Alert> alerts(Stack stack, String agency) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Alert> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), AvroSerdes.<Alert>deserializer(stack.registry()))) {
            consumer.subscribe(List.of(Topics.ALERTS.name()));
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
                for (var record : consumer.poll(Duration.ofMillis(300))) {
                    quietSince = System.nanoTime();
                    if (record.value() != null && agency.equals(record.value().getAgency())) {
                        found.add(record.value());
                    }
                }
            }
        }
        return found;
    }
}
