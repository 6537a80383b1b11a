package dev.govwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.BinaryAvroSerde;
import dev.govwatch.schemas.DeadLetter;
import dev.govwatch.schemas.Decision;
import dev.govwatch.schemas.DecisionRequest;
import dev.govwatch.schemas.Verdict;
import java.time.LocalDate;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.Severity;
import dev.govwatch.schemas.Topics;
import dev.govwatch.streams.ServiceConfig;

/** The notifier's topology against a real HTTP receiver on loopback. */
class NotifierTopologyTest {

    /** One POST as the receiver saw it. */
    record Post(String path, String signature, String event, String delivery, String body) {
    }

    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private HttpServer receiver;
    private TopologyTestDriver driver;
    private TestInputTopic<String, Alert> alerts;
    private TestInputTopic<String, Decision> decisions;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void start(@TempDir Path stateDir) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            posts.add(new Post(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst(Signature.HEADER),
                    exchange.getRequestHeaders().getFirst("X-Govwatch-Event"), exchange.getRequestHeaders().getFirst("X-Govwatch-Delivery"),
                    body));
            int status = exchange.getRequestURI().getPath().equals("/gone") ? 410
                    : failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            try (OutputStream out = exchange.getResponseBody()) {
                out.flush();
            }
        });
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        List<Webhook> hooks = List.of(
                new Webhook("everything", URI.create(base + "/all"), "s3cret", Set.of(), Set.of()),
                new Webhook("hebei-missing", URI.create(base + "/hebei"), "other", Set.of("MISSING"), Set.of("河北省")),
                new Webhook("broken", URI.create(base + "/gone"), "x", Set.of("LATE"), Set.of()));
        ServiceConfig config = ServiceConfig.of(NotifierTopology.APPLICATION_ID, Map.of(ServiceConfig.BOOTSTRAP_SERVERS, "unused:9092",
                ServiceConfig.SERDES, "binary", ServiceConfig.STATE_DIR, stateDir.toString(),
                ServiceConfig.PROCESSING_GUARANTEE, "at_least_once"));
        driver = new TopologyTestDriver(NotifierTopology.build(config, hooks,
                new WebhookSender(3, Duration.ofMillis(50), Duration.ofMillis(200))), config.streamsProperties());
        alerts = driver.createInputTopic(Topics.ALERTS.name(), new StringSerializer(), new BinaryAvroSerde<>(Alert.class).serializer());
        decisions = driver.createInputTopic(Topics.DECISIONS.name(), new StringSerializer(),
                new BinaryAvroSerde<>(Decision.class).serializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new StringDeserializer(),
                new BinaryAvroSerde<>(DeadLetter.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        receiver.stop(0);
    }

    @Test
    void eachStateChangeIsPostedOnceToEachWebhookThatWantsItSigned() throws Exception {
        Alert open = alert("MISSING|河北省某县民政局|2025", AlertCategory.MISSING, AlertStatus.OPEN, "河北省");
        alerts.pipeInput("a1", open);
        alerts.pipeInput("a1", open); // the same state again, as after a validator replay: not sent again
        alerts.pipeInput("a1", Alert.newBuilder(open).setStatus(AlertStatus.RESOLVED).build());

        assertThat(posts).extracting(p -> p.path() + " " + p.event())
                .containsExactly("/all alert.opened", "/hebei alert.opened", "/all alert.resolved", "/hebei alert.resolved");
        Post first = posts.get(0);
        assertThat(first.signature()).isEqualTo(Signature.of("s3cret", first.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(posts.get(1).signature()).isEqualTo(Signature.of("other", posts.get(1).body().getBytes(StandardCharsets.UTF_8)));
        assertThat(first.delivery()).matches("[0-9a-f]{32}").isNotEqualTo(posts.get(2).delivery());
        Map<?, ?> body = new ObjectMapper().readValue(first.body(), Map.class);
        assertThat(body.get("event")).isEqualTo("alert.opened");
        assertThat(((Map<?, ?>) body.get("alert")).get("id")).isEqualTo("MISSING|河北省某县民政局|2025");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void routingLeavesOutWhatAWebhookDidNotAskFor() {
        alerts.pipeInput("b1", alert("b1", AlertCategory.MISSING, AlertStatus.OPEN, "山东省"));
        alerts.pipeInput("b2", alert("b2", AlertCategory.INCONSISTENT, AlertStatus.OPEN, "河北省"));

        assertThat(posts).extracting(Post::path).containsExactly("/all", "/all");
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffAndThenDeadLettered() {
        failuresLeft.set(2);
        alerts.pipeInput("c1", alert("c1", AlertCategory.INCONSISTENT, AlertStatus.OPEN, "山西省"));
        assertThat(posts).extracting(Post::path).containsExactly("/all", "/all", "/all");
        assertThat(posts.stream().map(Post::delivery).distinct()).hasSize(1);
        assertThat(deadLetters.isEmpty()).isTrue();

        failuresLeft.set(10);
        alerts.pipeInput("c2", alert("c2", AlertCategory.INCONSISTENT, AlertStatus.OPEN, "山西省"));
        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getStage()).isEqualTo("notify:everything");
        assertThat(letter.getUrl()).endsWith("/all");
        assertThat(letter.getError()).contains("HTTP 503").contains("after 3 attempts");
        assertThat(letter.getSourceTopic()).isEqualTo(Topics.ALERTS.name());
        assertThat(letter.getOffset()).isEqualTo(1);
        assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString()).contains("\"id\":\"c2\"");
    }

    @Test
    void aReceiverThatRefusesIsNotRetried() {
        alerts.pipeInput("d1", alert("d1", AlertCategory.LATE, AlertStatus.OPEN, "河北省"));

        assertThat(posts).extracting(Post::path).containsExactly("/all", "/gone");
        assertThat(deadLetters.readValue().getError()).contains("HTTP 410").contains("not retried");
    }

    @Test
    void aDismissedOrSnoozedAlertIsNotSentUnlessItsEvidenceChanged() {
        Alert dismissed = alert("e1", AlertCategory.MISSING, AlertStatus.OPEN, "山东省");
        Alert snoozed = alert("e2", AlertCategory.MISSING, AlertStatus.OPEN, "山东省");
        Alert confirmed = alert("e3", AlertCategory.MISSING, AlertStatus.OPEN, "山东省");
        Instant now = Instant.now();
        decide(dismissed, new DecisionRequest("e1", Verdict.DISMISSED, "已撤并的机构", null, "王"), now);
        decide(snoozed, new DecisionRequest("e2", Verdict.SNOOZED, null, LocalDate.now().plusDays(30), "王"), now);
        decide(confirmed, new DecisionRequest("e3", Verdict.CONFIRMED, null, null, "王"), now);

        alerts.pipeInput("e1", dismissed);
        alerts.pipeInput("e2", snoozed);
        alerts.pipeInput("e3", confirmed);
        assertThat(posts).extracting(p -> alertId(p)).containsExactly("e3");

        // The dismissed alert comes back with other figures: the dismissal no longer covers it.
        alerts.pipeInput("e1", Alert.newBuilder(dismissed).setMessage("测试：数字已变").build());
        assertThat(posts).extracting(p -> alertId(p)).containsExactly("e3", "e1");
    }

    @Test
    void notesAreNotSentUnlessAWebhookAsksForThem() {
        Alert note = Alert.newBuilder(alert("f1", AlertCategory.OTHER, AlertStatus.OPEN, "山东省")).setSeverity(Severity.INFO).build();
        alerts.pipeInput("f1", note);
        assertThat(posts).isEmpty();

        Webhook everything = new Webhook("notes", URI.create("http://127.0.0.1:1/"), "x", Set.of(), Set.of());
        assertThat(everything.wants(note)).isFalse();
        assertThat(everything.withSeverityOrElse(Severity.INFO).wants(note)).isTrue();
        assertThat(new Webhook("own", URI.create("http://127.0.0.1:1/"), "x", Set.of(), Set.of(), Severity.ERROR)
                .withSeverityOrElse(Severity.INFO).wants(note)).as("a webhook's own severity wins").isFalse();
    }

    private void decide(Alert alert, DecisionRequest request, Instant now) {
        decisions.pipeInput(alert.getId(), request.applyTo(null, alert, now));
    }

    private static String alertId(Post post) {
        try {
            return (String) ((Map<?, ?>) new ObjectMapper().readValue(post.body(), Map.class).get("alert")).get("id");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Alert alert(String id, AlertCategory category, AlertStatus status, String province) {
        Instant now = Instant.parse("2026-02-08T00:00:00Z");
        return Alert.newBuilder().setId(id).setRule(category.name()).setCategory(category).setSeverity(Severity.ERROR).setStatus(status)
                .setAgency("某县民政局").setRegion(Region.newBuilder().setProvince(province).build()).setYear(2025)
                .setMessage("测试").setEvidence(List.of()).setRaisedAt(now).setUpdatedAt(now).build();
    }
}
