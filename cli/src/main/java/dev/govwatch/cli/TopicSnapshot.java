package dev.govwatch.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.avro.specific.SpecificRecord;

import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.Topic;

/**
 * The latest value per key of a compacted topic, read from the beginning to its current end by
 * assignment (outside any consumer group, so no service's offsets move). Deleted keys (tombstones)
 * are left out.
 */
final class TopicSnapshot {

    private TopicSnapshot() {
    }

    static <V extends SpecificRecord> Map<String, V> read(ClusterOptions.Cluster cluster, Topic<V> topic,
                                                          Predicate<String> keys) {
        Map<String, V> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, V> consumer = consumer(cluster)) {
            List<TopicPartition> partitions = assignAll(consumer, topic);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(300))) {
                    if (record.key() == null || !keys.test(record.key())) {
                        continue;
                    }
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), record.value());
                    }
                }
            }
        }
        return latest;
    }

    /**
     * Hands {@code sink} the latest value of each key of a compacted topic without holding the values:
     * a first pass notes where each key's latest record is, a second hands over those records, in
     * topic order. Memory grows with the number of keys, not with the values (an export of every
     * report would otherwise hold them all). {@code progress} is told of every record read, over
     * both passes: {@code total} is {@link #records} × 2. {@code version} orders two values of a key
     * found on different partitions ({@link LatestRecords}).
     */
    static <V extends SpecificRecord> void scanLatest(ClusterOptions.Cluster cluster, Topic<V> topic,
                                                      java.util.function.ToLongFunction<V> version,
                                                      java.util.function.Consumer<V> sink,
                                                      java.util.function.LongConsumer progress) {
        try (KafkaConsumer<String, V> consumer = consumer(cluster)) {
            List<TopicPartition> partitions = assignAll(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            LatestRecords<V> latest = new LatestRecords<>(version);
            long[] read = {0};
            pass(consumer, partitions, end, record -> {
                progress.accept(++read[0]);
                if (record.key() != null) {
                    latest.offer(record.key(), record.value(), record.partition(), record.offset());
                }
            });
            pass(consumer, partitions, end, record -> {
                progress.accept(++read[0]);
                if (record.key() != null && record.value() != null && latest.isLatest(record.key(), record.partition(), record.offset())) {
                    sink.accept(record.value());
                }
            });
        }
    }

    /** How many records the topic holds now (what one pass of {@link #scanLatest} reads). */
    static long records(ClusterOptions.Cluster cluster, Topic<?> topic) {
        Map<String, Object> config = new HashMap<>(cluster.client());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            return partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
        }
    }

    /** A consumer outside any group that reads only committed records, values through the registry. */
    private static <V extends SpecificRecord> KafkaConsumer<String, V> consumer(ClusterOptions.Cluster cluster) {
        Map<String, Object> config = new HashMap<>(cluster.client());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), AvroSerdes.<V>deserializer(cluster.registry()));
    }

    /** Assigns every partition of {@code topic} to {@code consumer}; returns them. */
    private static List<TopicPartition> assignAll(KafkaConsumer<?, ?> consumer, Topic<?> topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(15)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        return partitions;
    }

    private static <V> void pass(KafkaConsumer<String, V> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end,
                                 java.util.function.Consumer<ConsumerRecord<String, V>> each) {
        consumer.seekToBeginning(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(300))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    each.accept(record);
                }
            }
        }
    }
}
