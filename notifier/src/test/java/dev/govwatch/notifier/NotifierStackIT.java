package dev.govwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.Decision;
import dev.govwatch.schemas.DecisionRequest;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.Severity;
import dev.govwatch.schemas.Topics;
import dev.govwatch.schemas.Verdict;
import dev.govwatch.stack.Stack;
import dev.govwatch.stack.StackExtension;
import dev.govwatch.streams.ServiceConfig;
import dev.govwatch.streams.StreamsService;

/**
 * The whole notifier (its stream and its delivery loop) on the real broker and registry: a
 * dismissed alert sends no webhook, an undecided one does, signed.
 */
@ExtendWith(StackExtension.class)
class NotifierStackIT {

    @Test
    void aDismissedAlertSendsNoWebhook(Stack stack, @TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            try (OutputStream out = exchange.getResponseBody()) {
                out.flush();
            }
        });
        receiver.start();
        List<Webhook> hooks = List.of(new Webhook("reviewers-" + run,
                URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"), "s", Set.of(), Set.of()));
        ServiceConfig config = ServiceConfig.of("it-notifier-" + run, Map.of(ServiceConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                ServiceConfig.REGISTRY_URL, stack.registryUrl(), ServiceConfig.STATE_DIR, dir.toString()));
        Alert dismissed = alert(run + "-dismissed", run + "甲局 逾期");
        Alert undecided = alert(run + "-undecided", run + "乙局 逾期");
        try (KafkaProducer<String, Decision> decisions = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
                new StringSerializer(), AvroSerdes.<Decision>serializer(stack.registry()))) {
            Decision decision = new DecisionRequest(dismissed.getId(), Verdict.DISMISSED, "部门已说明", null, "王审核")
                    .applyTo(null, dismissed, Instant.now());
            decisions.send(new ProducerRecord<>(Topics.DECISIONS.name(), dismissed.getId(), decision)).get();
        }
        try (StreamsService notifier = StreamsService.start("notifier", NotifierTopology.build(config, hooks), config, (short) 1,
                Duration.ofMinutes(2));
             DeliveryLoop loop = new DeliveryLoop(config, hooks, WebhookSender.standard()).start();
             KafkaProducer<String, Alert> alerts = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
                     new StringSerializer(), AvroSerdes.<Alert>serializer(stack.registry()))) {
            // The decision is in the notifier's global store before the alerts: a global store is
            // filled before the stream threads start.
            alerts.send(new ProducerRecord<>(Topics.ALERTS.name(), dismissed.getId(), dismissed)).get();
            alerts.send(new ProducerRecord<>(Topics.ALERTS.name(), undecided.getId(), undecided)).get();

            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (bodies.stream().noneMatch(b -> b.contains(undecided.getId())) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(2000); // time for anything else to arrive
            assertThat(bodies).anyMatch(b -> b.contains(undecided.getId()));
            assertThat(bodies).noneMatch(b -> b.contains(dismissed.getId()));
        } finally {
            receiver.stop(0);
        }
    }

    private static Alert alert(String id, String message) {
        Instant now = Instant.now();
        return Alert.newBuilder().setId(id).setRule("LATE").setCategory(AlertCategory.LATE).setSeverity(Severity.WARNING)
                .setStatus(AlertStatus.OPEN).setAgency(message.split(" ")[0])
                .setRegion(Region.newBuilder().setProvince("某省").build()).setYear(2025).setMessage(message)
                .setEvidence(List.of()).setRaisedAt(now).setUpdatedAt(now).build();
    }
}
