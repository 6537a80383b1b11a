package dev.govwatch.crawler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.CrawlState;
import dev.govwatch.schemas.PortalStatus;
import dev.govwatch.schemas.RegistryConnection;
import dev.govwatch.schemas.Topics;

/**
 * Reads the crawler's compacted topics to their end: what a restarted crawler already knows of
 * each URL (crawl-state) and of each portal (portal-status).
 */
public final class CrawlStateLoader {

    private CrawlStateLoader() {
    }

    public static List<CrawlState> load(Map<String, Object> clientConfig, RegistryConnection registry, Duration timeout) {
        return latest(Topics.CRAWL_STATE.name(), clientConfig, registry, timeout);
    }

    /**
     * Reads the crawl-state topic into the crawler record by record, a later record of a URL over an
     * earlier one and a tombstone forgetting it, without holding the topic's records in a list: a
     * national crawl's million states as Avro records would take most of a 1 GB heap at once.
     *
     * @return the URLs the crawler knows afterwards
     */
    public static int resume(Crawler crawler, Map<String, Object> clientConfig, RegistryConnection registry, Duration timeout) {
        read(Topics.CRAWL_STATE.name(), clientConfig, registry, timeout, (String url, CrawlState state) -> {
            if (state == null) {
                crawler.forget(List.of(url));
            } else {
                crawler.resume(state);
            }
        });
        return crawler.knownUrls();
    }

    /** The last status published for each portal. */
    public static List<PortalStatus> portalStatuses(Map<String, Object> clientConfig, RegistryConnection registry, Duration timeout) {
        return latest(Topics.PORTAL_STATUS.name(), clientConfig, registry, timeout);
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> latest(String topic, Map<String, Object> clientConfig, RegistryConnection registry, Duration timeout) {
        Map<String, T> latest = new HashMap<>();
        CrawlStateLoader.<T>read(topic, clientConfig, registry, timeout, (key, value) -> {
            if (value == null) {
                latest.remove(key);
            } else {
                latest.put(key, value);
            }
        });
        return new ArrayList<>(latest.values());
    }

    /** Every record of the topic from its beginning to its end as of the start, in order per partition. */
    private static <T extends org.apache.avro.specific.SpecificRecord> void read(String topic, Map<String, Object> clientConfig,
            RegistryConnection registry, Duration timeout, java.util.function.BiConsumer<String, T> each) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only what the crawler committed: a page and its state arrive together or not at all.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                AvroSerdes.<T>deserializer(registry))) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, timeout)
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + " not read within " + timeout);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(r -> each.accept(r.key(), r.value()));
            }
        }
    }
}
