package dev.govwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.Stack;
import dev.govwatch.stack.StackExtension;

/** The Kafka client warm-up against the real broker, alone and as part of a service's start. */
@ExtendWith(StackExtension.class)
class KafkaPathWarmUpIT {

    @Test
    void writesTransactionsAndReadsEveryOneBack(Stack stack) throws Exception {
        long before = endOffset(stack);
        KafkaPathWarmUp warmUp = new KafkaPathWarmUp(Map.of("bootstrap.servers", stack.bootstrapServers()), "it-warm-up", true, (short) 1);

        int read = warmUp.run(Duration.ofMillis(1500));
        int again = warmUp.run(Duration.ofMillis(500)); // the topic exists now

        assertThat(read).isGreaterThanOrEqualTo(20);
        assertThat(again).isPositive();
        // Every record written was committed (read_committed sees it), and each pass read back all it wrote.
        List<ConsumerRecord<byte[], byte[]>> committed = readCommitted(stack, before);
        assertThat(committed).hasSize(read + again);
        assertThat(committed).allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8)).startsWith("warm-up-"));
        assertThat(committed).extracting(r -> r.value().length).containsOnly(30_000, 8_000, 1_500);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            TopicDescription topic = admin.describeTopics(List.of(Topics.WARM_UP)).allTopicNames().get().get(Topics.WARM_UP);
            assertThat(topic.partitions()).hasSize(1);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.WARM_UP);
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("retention.ms").value())
                    .isEqualTo("3600000");
        }
    }

    @Test
    void withoutTransactionsForAServiceThatWritesWithoutThem(Stack stack) {
        long before = endOffset(stack);
        KafkaPathWarmUp warmUp = new KafkaPathWarmUp(Map.of("bootstrap.servers", stack.bootstrapServers()), "it-plain", false, (short) 1);

        int read = warmUp.run(Duration.ofMillis(800));

        assertThat(read).isPositive();
        // No commit markers: the topic grew by exactly the records read back.
        assertThat(endOffset(stack) - before).isEqualTo(read);
    }

    @Test
    void aServiceWithAWarmUpWarmsItsClientsUnlessTurnedOff(Stack stack, @TempDir Path state) throws Exception {
        long before = endOffset(stack);
        try (StreamsService service = StreamsService.start("warm", topology(), config(stack, state, "warm", 800), (short) 1,
                Duration.ofSeconds(60), budget -> 1)) {
            assertThat(endOffset(stack)).as("records the start wrote to the warm-up topic").isGreaterThan(before);
        }
        long afterWarm = endOffset(stack);
        try (StreamsService service = StreamsService.start("off", topology(), config(stack, state, "off", 0), (short) 1,
                Duration.ofSeconds(60), budget -> 1)) {
            assertThat(endOffset(stack)).isEqualTo(afterWarm);
        }
        try (StreamsService service = StreamsService.start("plain", topology(), config(stack, state, "plain", 800), (short) 1,
                Duration.ofSeconds(60))) {
            assertThat(endOffset(stack)).as("no warm-up given (tests, tools): none of the clients either").isEqualTo(afterWarm);
        }
    }

    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.DEAD_LETTERS.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())).foreach((k, v) -> { });
        return builder.build();
    }

    private static ServiceConfig config(Stack stack, Path state, String name, long kafkaWarmUpMs) {
        return ServiceConfig.of("warm-up-it-" + name + "-" + UUID.randomUUID().toString().substring(0, 8), Map.of(
                ServiceConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                ServiceConfig.REGISTRY_URL, stack.registryUrl(),
                ServiceConfig.STATE_DIR, state.resolve(name).toString(),
                ServiceConfig.WARM_UP_KAFKA_MS, kafkaWarmUpMs));
    }

    private static long endOffset(Stack stack) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(stack)) {
            TopicPartition partition = new TopicPartition(Topics.WARM_UP, 0);
            if (consumer.partitionsFor(Topics.WARM_UP, Duration.ofSeconds(10)).isEmpty()) {
                return 0;
            }
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(Stack stack, long from) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(stack)) {
            TopicPartition partition = new TopicPartition(Topics.WARM_UP, 0);
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Stack stack) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
