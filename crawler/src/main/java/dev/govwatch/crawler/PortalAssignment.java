package dev.govwatch.crawler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.RegistryConnection;
import dev.govwatch.schemas.Topics;

/**
 * Which portals this crawler instance watches: those in the partitions of {@link Topics#PORTALS}
 * that Kafka's consumer-group assignment gives it. No portal is crawled by two instances at once,
 * and when an instance leaves or dies its portals move to the others. On every assignment the
 * partition is read from the start: the compacted topic holds the current version of each portal.
 */
public final class PortalAssignment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PortalAssignment.class);

    private final KafkaConsumer<String, Portal> consumer;
    private final Map<TopicPartition, Map<String, Portal>> owned = new HashMap<>();

    /** @param clientConfig bootstrap servers, security settings and the crawler group's {@code group.id} */
    public PortalAssignment(Map<String, Object> clientConfig, RegistryConnection registry) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 15_000);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), AvroSerdes.<Portal>deserializer(registry));
        consumer.subscribe(List.of(Topics.PORTALS.name()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                partitions.forEach(owned::remove);
                LOG.info("portal partitions revoked: {}", partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                partitions.forEach(p -> owned.put(p, new HashMap<>()));
                consumer.seekToBeginning(partitions);
                LOG.info("portal partitions assigned: {}", partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                onPartitionsRevoked(partitions);
            }
        });
    }

    /** Takes in assignment changes and portal updates; call it often (it also keeps the membership alive). */
    public void poll(Duration timeout) {
        consumer.poll(timeout).forEach(record -> {
            Map<String, Portal> portals = owned.get(new TopicPartition(record.topic(), record.partition()));
            if (portals == null) {
                return;
            }
            if (record.value() == null) {
                portals.remove(record.key());
            } else {
                portals.put(record.key(), record.value());
            }
        });
    }

    /** How many partitions of the portals topic this instance holds. */
    public int partitions() {
        return owned.size();
    }

    /** The portals this instance owns now. */
    public List<Portal> portals() {
        List<Portal> portals = new ArrayList<>();
        owned.values().forEach(p -> portals.addAll(p.values()));
        return portals;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(10));
    }
}
