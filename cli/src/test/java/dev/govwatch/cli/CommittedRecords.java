package dev.govwatch.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.RegistryConnection;

/**
 * A topic's values as a read_committed consumer sees them (what the services read), from the
 * beginning to its end at the time of the call; read by assignment, so no group join slows it.
 */
final class CommittedRecords {

    private CommittedRecords() {
    }

    static List<SpecificRecord> read(String bootstrap, RegistryConnection registry, String topic) {
        List<SpecificRecord> values = new ArrayList<>();
        forEach(bootstrap, registry, topic, values::add);
        return values;
    }

    /** Hands each value to {@code action} without keeping them: for topics too large to hold. */
    static void forEach(String bootstrap, RegistryConnection registry, String topic,
                        java.util.function.Consumer<SpecificRecord> action) {
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(CONFIG.apply(bootstrap),
                new StringDeserializer(), AvroSerdes.deserializer(registry))) {
            drain(consumer, topic, record -> {
                if (record.value() != null) {
                    action.accept(record.value());
                }
            });
        }
    }

    /**
     * Report source URLs or alert ids (with their status) on the topic whose URL or agency contains
     * {@code marker} → how often each is there; the fault tests' exactly-once check.
     */
    static Map<String, Integer> perKey(String bootstrap, RegistryConnection registry, String topic, String marker) {
        Map<String, Integer> counts = new HashMap<>();
        forEach(bootstrap, registry, topic, value -> {
            if (value instanceof AnnualReport r && r.getSourceUrl().contains(marker)) {
                counts.merge(r.getSourceUrl(), 1, Integer::sum);
            } else if (value instanceof Alert a && a.getAgency() != null && a.getAgency().contains(marker)) {
                counts.merge(a.getId() + " " + a.getStatus(), 1, Integer::sum);
            }
        });
        return counts;
    }

    /** How many committed records the topic holds, read without the registry (so also while it is down). */
    static int count(String bootstrap, String topic) {
        int[] count = {0};
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(CONFIG.apply(bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            drain(consumer, topic, record -> count[0]++);
        }
        return count[0];
    }

    private static final java.util.function.Function<String, Map<String, Object>> CONFIG = bootstrap -> Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);

    /** Every record of every partition from the beginning to the end the topic had when this started. */
    private static <K, V> void drain(KafkaConsumer<K, V> consumer, String topic,
                                     java.util.function.Consumer<org.apache.kafka.clients.consumer.ConsumerRecord<K, V>> action) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            consumer.poll(Duration.ofMillis(300)).forEach(action);
        }
    }
}
