package dev.govwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.BinaryAvroSerde;
import dev.govwatch.schemas.Delivery;
import dev.govwatch.schemas.Decision;
import dev.govwatch.schemas.DecisionRequest;
import dev.govwatch.schemas.Verdict;
import java.time.LocalDate;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.Severity;
import dev.govwatch.schemas.Topics;
import dev.govwatch.streams.ServiceConfig;

/** The notifier's deciding half on TopologyTestDriver: which webhook gets which alert state change, once. */
class NotifierTopologyTest {

    private TopologyTestDriver driver;
    private TestInputTopic<String, Alert> alerts;
    private TestInputTopic<String, Decision> decisions;
    private TestOutputTopic<String, Delivery> deliveries;

    @BeforeEach
    void start(@TempDir Path stateDir) {
        String base = "http://127.0.0.1:9";
        List<Webhook> hooks = List.of(
                new Webhook("everything", URI.create(base + "/all"), "s3cret", Set.of(), Set.of()),
                new Webhook("hebei-missing", URI.create(base + "/hebei"), "other", Set.of("MISSING"), Set.of("河北省")),
                new Webhook("broken", URI.create(base + "/gone"), "x", Set.of("LATE"), Set.of()));
        ServiceConfig config = ServiceConfig.of(NotifierTopology.APPLICATION_ID, Map.of(ServiceConfig.BOOTSTRAP_SERVERS, "unused:9092",
                ServiceConfig.SERDES, "binary", ServiceConfig.STATE_DIR, stateDir.toString(),
                ServiceConfig.PROCESSING_GUARANTEE, "at_least_once"));
        driver = new TopologyTestDriver(NotifierTopology.build(config, hooks), config.streamsProperties());
        alerts = driver.createInputTopic(Topics.ALERTS.name(), new StringSerializer(), new BinaryAvroSerde<>(Alert.class).serializer());
        decisions = driver.createInputTopic(Topics.DECISIONS.name(), new StringSerializer(),
                new BinaryAvroSerde<>(Decision.class).serializer());
        deliveries = driver.createOutputTopic(Topics.DELIVERIES.name(), new StringDeserializer(),
                new BinaryAvroSerde<>(Delivery.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void eachStateChangeIsDecidedOnceForEachWebhookThatWantsIt() throws Exception {
        Alert open = alert("MISSING|河北省某县民政局|2025", AlertCategory.MISSING, AlertStatus.OPEN, "河北省");
        alerts.pipeInput("a1", open);
        alerts.pipeInput("a1", open); // the same state again, as after a validator replay: not sent again
        alerts.pipeInput("a1", Alert.newBuilder(open).setStatus(AlertStatus.RESOLVED).build());

        List<org.apache.kafka.streams.test.TestRecord<String, Delivery>> out = deliveries.readRecordsToList();
        assertThat(out).extracting(r -> r.key() + " " + r.value().getEvent())
                .containsExactly("everything alert.opened", "hebei-missing alert.opened", "everything alert.resolved",
                        "hebei-missing alert.resolved");
        Delivery first = out.get(0).value();
        assertThat(first.getDeliveryId()).matches("[0-9a-f]{32}").isNotEqualTo(out.get(2).value().getDeliveryId());
        Map<?, ?> body = new ObjectMapper().readValue(first.getBody(), Map.class);
        assertThat(body.get("event")).isEqualTo("alert.opened");
        assertThat(((Map<?, ?>) body.get("alert")).get("id")).isEqualTo("MISSING|河北省某县民政局|2025");
    }

    @Test
    void routingLeavesOutWhatAWebhookDidNotAskFor() {
        alerts.pipeInput("b1", alert("b1", AlertCategory.MISSING, AlertStatus.OPEN, "山东省"));
        alerts.pipeInput("b2", alert("b2", AlertCategory.INCONSISTENT, AlertStatus.OPEN, "河北省"));
        alerts.pipeInput("b3", alert("b3", AlertCategory.LATE, AlertStatus.OPEN, "河北省"));

        assertThat(deliveries.readKeyValuesToList()).extracting(kv -> kv.key + " " + kv.value.getAlertId())
                .containsExactly("everything b1", "everything b2", "everything b3", "broken b3");
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
        assertThat(sent()).containsExactly("e3");

        // The dismissed alert comes back with other figures: the dismissal no longer covers it.
        alerts.pipeInput("e1", Alert.newBuilder(dismissed).setMessage("测试：数字已变").build());
        assertThat(sent()).containsExactly("e1");
    }

    @Test
    void aSnoozedAlertGoesOutWhenItsSnoozeEnds() {
        Alert alert = alert("g1", AlertCategory.MISSING, AlertStatus.OPEN, "山东省");
        LocalDate today = LocalDate.ofInstant(Instant.now(), java.time.ZoneId.systemDefault());
        decide(alert, new DecisionRequest("g1", Verdict.SNOOZED, null, today.plusDays(2), "王"), Instant.now());
        alerts.pipeInput("g1", alert);
        assertThat(sent()).isEmpty();

        driver.advanceWallClockTime(java.time.Duration.ofDays(1));
        assertThat(sent()).as("still snoozed").isEmpty();
        driver.advanceWallClockTime(java.time.Duration.ofDays(2));
        assertThat(sent()).containsExactly("g1");
        driver.advanceWallClockTime(java.time.Duration.ofDays(1));
        assertThat(sent()).as("sent once").isEmpty();
    }

    @Test
    void notesAreNotSentUnlessAWebhookAsksForThem() {
        Alert note = Alert.newBuilder(alert("f1", AlertCategory.OTHER, AlertStatus.OPEN, "山东省")).setSeverity(Severity.INFO).build();
        alerts.pipeInput("f1", note);
        assertThat(deliveries.isEmpty()).isTrue();

        Webhook everything = new Webhook("notes", URI.create("http://127.0.0.1:1/"), "x", Set.of(), Set.of());
        assertThat(everything.wants(note)).isFalse();
        assertThat(everything.withSeverityOrElse(Severity.INFO).wants(note)).isTrue();
        assertThat(new Webhook("own", URI.create("http://127.0.0.1:1/"), "x", Set.of(), Set.of(), Severity.ERROR)
                .withSeverityOrElse(Severity.INFO).wants(note)).as("a webhook's own severity wins").isFalse();
    }

    private void decide(Alert alert, DecisionRequest request, Instant now) {
        decisions.pipeInput(alert.getId(), request.applyTo(null, alert, now));
    }

    /** The alert ids decided for the webhook that takes everything, since the last call. */
    private List<String> sent() {
        return deliveries.readValuesToList().stream().filter(d -> d.getWebhook().equals("everything"))
                .map(Delivery::getAlertId).toList();
    }

    private static Alert alert(String id, AlertCategory category, AlertStatus status, String province) {
        Instant now = Instant.parse("2026-02-08T00:00:00Z");
        return Alert.newBuilder().setId(id).setRule(category.name()).setCategory(category).setSeverity(Severity.ERROR).setStatus(status)
                .setAgency("某县民政局").setRegion(Region.newBuilder().setProvince(province).build()).setYear(2025)
                .setMessage("测试").setEvidence(List.of()).setRaisedAt(now).setUpdatedAt(now).build();
    }
}
