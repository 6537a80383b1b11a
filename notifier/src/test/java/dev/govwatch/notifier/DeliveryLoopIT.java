package dev.govwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.DeadLetter;
import dev.govwatch.schemas.Delivery;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.Stack;
import dev.govwatch.stack.StackExtension;
import dev.govwatch.streams.ServiceConfig;

/**
 * The delivery loop on the real broker and registry, against real HTTP receivers on loopback: a
 * slow receiver delays only itself, a failing one is retried under one delivery id, a refusing or
 * unknown one becomes a dead letter with its reason, every POST is signed, and offsets are
 * committed once the notifications before them are done.
 */
@ExtendWith(StackExtension.class)
class DeliveryLoopIT {

    /** One POST as the receiver saw it. */
    record Post(String path, String signature, String delivery, String body, Instant at) {
    }

    @Test
    void aSlowReceiverDelaysOnlyItself(Stack stack, @TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<Post> posts = new CopyOnWriteArrayList<>();
        AtomicInteger flakyFailures = new AtomicInteger(2);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.equals("/slow")) {
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            posts.add(new Post(path, exchange.getRequestHeaders().getFirst(Signature.HEADER),
                    exchange.getRequestHeaders().getFirst("X-Govwatch-Delivery"), body, Instant.now()));
            int status = path.equals("/gone") ? 410
                    : path.equals("/flaky") && flakyFailures.getAndDecrement() > 0 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            try (OutputStream out = exchange.getResponseBody()) {
                out.flush();
            }
        });
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        List<Webhook> hooks = List.of(
                new Webhook("slow-" + run, URI.create(base + "/slow"), "s", Set.of(), Set.of()),
                new Webhook("fast-" + run, URI.create(base + "/fast"), "f-secret", Set.of(), Set.of()),
                new Webhook("gone-" + run, URI.create(base + "/gone"), "g", Set.of(), Set.of()),
                new Webhook("flaky-" + run, URI.create(base + "/flaky"), "k", Set.of(), Set.of()));
        ServiceConfig config = ServiceConfig.of("it-delivery-" + run, Map.of(ServiceConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                ServiceConfig.REGISTRY_URL, stack.registryUrl(), ServiceConfig.STATE_DIR, dir.toString()));

        Map<TopicPartition, Long> produced = new HashMap<>();
        try (DeliveryLoop loop = new DeliveryLoop(config, hooks, new WebhookSender(3, Duration.ofMillis(50), Duration.ofMillis(200)))
                .start();
             KafkaProducer<String, Delivery> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
                     new StringSerializer(), AvroSerdes.<Delivery>serializer(stack.registry()))) {
            List<Delivery> all = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                all.add(delivery("slow-" + run, run + "-slow-" + i));
            }
            for (int i = 0; i < 3; i++) {
                all.add(delivery("fast-" + run, run + "-fast-" + i));
            }
            all.add(delivery("gone-" + run, run + "-gone"));
            all.add(delivery("flaky-" + run, run + "-flaky"));
            all.add(delivery("removed-" + run, run + "-removed"));
            for (Delivery d : all) {
                RecordMetadata meta = producer.send(new ProducerRecord<>(Topics.DELIVERIES.name(), d.getWebhook(), d)).get();
                produced.merge(new TopicPartition(meta.topic(), meta.partition()), meta.offset(), Math::max);
            }

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (count(posts, "/fast") < 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(count(posts, "/fast")).isEqualTo(3);
            assertThat(count(posts, "/slow")).as("the fast receiver did not wait for the slow one").isLessThan(3);

            while ((count(posts, "/slow") < 3 || count(posts, "/flaky") < 3 || loop.pending() > 0) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(count(posts, "/slow")).isEqualTo(3);
            List<Post> flaky = posts.stream().filter(p -> p.path().equals("/flaky")).toList();
            assertThat(flaky).hasSize(3);
            assertThat(flaky.stream().map(Post::delivery).distinct()).singleElement().isEqualTo(run + "-flaky-id");
            assertThat(count(posts, "/gone")).as("a refusal is not retried").isEqualTo(1);
            for (Post p : posts.stream().filter(p -> p.path().equals("/fast")).toList()) {
                assertThat(p.signature()).isEqualTo(Signature.of("f-secret", p.body().getBytes(StandardCharsets.UTF_8)));
            }
        } finally {
            receiver.stop(0);
        }

        Map<String, DeadLetter> letters = deadLetters(stack, run);
        assertThat(letters.get(run + "-gone").getError()).contains("HTTP 410").contains("not retried");
        assertThat(letters.get(run + "-gone").getUrl()).endsWith("/gone");
        assertThat(letters.get(run + "-removed").getError()).contains("no longer in the webhook file");
        assertThat(letters).doesNotContainKeys(run + "-flaky", run + "-fast-0");

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(DeliveryLoop.GROUP_ID)
                    .partitionsToOffsetAndMetadata().get();
            produced.forEach((partition, last) -> assertThat(committed.get(partition).offset())
                    .as("committed past every done notification in %s", partition).isGreaterThan(last));
        }
    }

    private static long count(List<Post> posts, String path) {
        return posts.stream().filter(p -> p.path().equals(path)).count();
    }

    private static Delivery delivery(String webhook, String alertId) {
        return Delivery.newBuilder().setDeliveryId(alertId + "-id").setWebhook(webhook).setEvent("alert.opened")
                .setAlertId(alertId).setBody("{\"event\":\"alert.opened\",\"alert\":{\"id\":\"" + alertId + "\"}}")
                .setDecidedAt(Instant.now()).build();
    }

    private static Map<String, DeadLetter> deadLetters(Stack stack, String run) {
        Map<String, DeadLetter> found = new HashMap<>();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", stack.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                AvroSerdes.<DeadLetter>deserializer(stack.registry()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTERS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DeadLetter> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && r.value().getKey() != null && r.value().getKey().startsWith(run)) {
                        found.put(r.value().getKey(), r.value());
                    }
                }
            }
        }
        return found;
    }
}
