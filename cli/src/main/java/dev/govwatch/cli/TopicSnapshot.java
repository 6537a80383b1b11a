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
        Map<String, Object> config = new HashMap<>(cluster.client());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, V> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                AvroSerdes.<V>deserializer(cluster.registry()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
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
}
