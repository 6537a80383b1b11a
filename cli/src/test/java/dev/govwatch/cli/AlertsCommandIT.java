package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.Severity;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.Stack;
import dev.govwatch.stack.StackExtension;

/** {@code govwatch alerts} against the real stack: filters, current state, JSON, --since and --follow. */
@ExtendWith(StackExtension.class)
class AlertsCommandIT {

    @Test
    void printsFiltersAndFollowsTheAlertsTopic(Stack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Instant before = Instant.now();
        try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
                new StringSerializer(), AvroSerdes.<Alert>serializer(stack.registry()))) {
            send(producer, alert(run + "-1", AlertCategory.MISSING, AlertStatus.OPEN, "甲县", run + "甲县民政局 缺报"));
            send(producer, alert(run + "-2", AlertCategory.LATE, AlertStatus.OPEN, "乙县", run + "乙县财政局 逾期"));
            send(producer, alert(run + "-3", AlertCategory.MISSING, AlertStatus.OPEN, "乙县", run + "乙县教育局 缺报"));
            send(producer, alert(run + "-3", AlertCategory.MISSING, AlertStatus.RESOLVED, "乙县", run + "乙县教育局 缺报"));
            producer.flush();

            String missing = mine(alerts(stack, "--category", "missing"), run);
            assertThat(missing.lines()).hasSize(3).allMatch(l -> l.contains("MISSING"));

            assertThat(mine(alerts(stack, "--region", "乙县"), run).lines()).hasSize(3).noneMatch(l -> l.contains("甲县"));

            String open = mine(alerts(stack, "--open", "--category", "MISSING"), run);
            assertThat(open.lines()).singleElement().satisfies(l -> assertThat(l).contains("甲县民政局"));

            String json = mine(alerts(stack, "--format", "json", "--category", "LATE"), run);
            Map<?, ?> parsed = new ObjectMapper().readValue(json.lines().findFirst().orElseThrow(), Map.class);
            assertThat(parsed.get("id")).isEqualTo(run + "-2");
            assertThat(parsed.get("status")).isEqualTo("OPEN");
            assertThat(((Map<?, ?>) parsed.get("region")).get("county")).isEqualTo("乙县");

            assertThat(mine(alerts(stack, "--since", Instant.now().plusSeconds(60).toString()), run)).isEmpty();
            assertThat(mine(alerts(stack, "--since", before.minusSeconds(60).toString()), run).lines()).hasSize(4);

            AlertsCommand follow = new AlertsCommand();
            StringWriter followed = new StringWriter();
            CommandLine cli = new CommandLine(follow).setOut(new PrintWriter(followed, true));
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("--follow", "--category", "BLOCKED",
                    "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl()));
            Thread.sleep(3000);
            send(producer, alert(run + "-4", AlertCategory.BLOCKED, AlertStatus.OPEN, "丙县", run + "丙县门户 412"));
            producer.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!followed.toString().contains(run + "丙县门户") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            follow.stop.request();
            assertThat(exit.get()).isZero();
            assertThat(mine(followed.toString(), run)).contains("BLOCKED").contains(run + "丙县门户 412");
        }
    }

    @Test
    void reviewRecordsDecisionsThatAlertsShowAndFilterOn(Stack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
                new StringSerializer(), AvroSerdes.<Alert>serializer(stack.registry()))) {
            send(producer, alert(run + "-a", AlertCategory.LATE, AlertStatus.OPEN, "丁县", run + "丁县水利局 逾期"));
            send(producer, alert(run + "-b", AlertCategory.LATE, AlertStatus.OPEN, "丁县", run + "丁县林业局 逾期"));
            producer.flush();
        }
        String dismissed = run(stack, 0, "review", run + "-a", "--dismiss", "系统故障，已补发", "--reviewer", "王审核");
        assertThat(dismissed).contains("DISMISSED").contains("王审核").contains("系统故障，已补发");
        assertThat(run(stack, 2, "review", run + "-b", "--snooze", "2000-01-01")).contains("after today");
        assertThat(run(stack, 2, "review", run + "-b", "--snooze", "next week")).contains("not a date");
        assertThat(run(stack, 2, "review", run + "-nope", "--confirm")).contains("no alert " + run + "-nope");

        assertThat(mine(alerts(stack, "--undecided"), run).lines()).singleElement()
                .satisfies(l -> assertThat(l).contains("林业局"));
        assertThat(mine(alerts(stack, "--open"), run)).contains("水利局 逾期 [DISMISSED]");
        Map<?, ?> json = new ObjectMapper().readValue(mine(alerts(stack, "--open", "--format", "json", "--region", "丁县"), run)
                .lines().filter(l -> l.contains("水利局")).findFirst().orElseThrow(), Map.class);
        assertThat(json.get("review")).isEqualTo("DISMISSED");
        assertThat(((Map<?, ?>) json.get("decision")).get("reason")).isEqualTo("系统故障，已补发");

        run(stack, 0, "review", run + "-a", "--withdraw", "--reviewer", "王审核");
        String trail = run(stack, 0, "review", run + "-a");
        assertThat(trail).contains("review: UNDECIDED").contains("DISMISSED").contains("WITHDRAWN");
        assertThat(mine(alerts(stack, "--undecided"), run).lines()).hasSize(2);
    }

    /** Runs a govwatch command against the stack; returns what it printed (out and err). */
    private static String run(Stack stack, int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--bootstrap-servers";
        all[args.length + 1] = stack.bootstrapServers();
        all[args.length + 2] = "--registry-url";
        all[args.length + 3] = stack.registryUrl();
        PrintWriter writer = new PrintWriter(out, true);
        int exit = new CommandLine(new Govwatch()).setOut(writer).setErr(writer).execute(all);
        assertThat(exit).as(out.toString()).isEqualTo(expectedExit);
        return out.toString();
    }

    @Test
    void withoutARunOrAClusterItSaysWhatToDo(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Govwatch()).setErr(new PrintWriter(err, true))
                .execute("alerts", "--data-dir", dir.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no govwatch run has used").contains("--bootstrap-servers");
    }

    private static String alerts(Stack stack, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 5];
        all[0] = "alerts";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--bootstrap-servers";
        all[args.length + 2] = stack.bootstrapServers();
        all[args.length + 3] = "--registry-url";
        all[args.length + 4] = stack.registryUrl();
        int exit = new CommandLine(new Govwatch()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(all);
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }

    /** This run's lines only: the shared stack's alerts topic carries other tests' alerts too. */
    private static String mine(String output, String run) {
        return String.join("\n", output.lines().filter(l -> l.contains(run)).toList());
    }

    private static void send(KafkaProducer<String, Alert> producer, Alert alert) {
        producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.getId(), alert));
    }

    private static Alert alert(String id, AlertCategory category, AlertStatus status, String county, String message) {
        Instant now = Instant.now();
        return Alert.newBuilder().setId(id).setRule(category.name()).setCategory(category).setSeverity(Severity.WARNING)
                .setStatus(status).setAgency(message.split(" ")[0]).setRegion(Region.newBuilder().setProvince("某省").setCounty(county).build())
                .setYear(2025).setMessage(message).setEvidence(List.of()).setRaisedAt(now).setUpdatedAt(now).build();
    }
}
