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
        // The crawler's states are a concurrent map: the partitions are read side by side, one reader per core.
        int readers = Math.max(1, Runtime.getRuntime().availableProcessors());
        read(Topics.CRAWL_STATE.name(), clientConfig, registry, timeout, readers, (String url, CrawlState state) -> {
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
        CrawlStateLoader.<T>read(topic, clientConfig, registry, timeout, 1, (key, value) -> {
            if (value == null) {
                latest.remove(key);
            } else {
                latest.put(key, value);
            }
        });
        return new ArrayList<>(latest.values());
    }

    /**
     * Every record of the topic from its beginning to its end as of the start, in order per partition;
     * with {@code readers} above one the partitions are shared among that many consumers on their own
     * threads, so {@code each} must be thread-safe (a key's records stay in one partition, in order).
     */
    private static <T extends org.apache.avro.specific.SpecificRecord> void read(String topic, Map<String, Object> clientConfig,
            RegistryConnection registry, Duration timeout, int readers, java.util.function.BiConsumer<String, T> each) {
        List<TopicPartition> partitions = new ArrayList<>();
        // Only the partition list: no records are read, so no registry client is made for it.
        Map<String, Object> probeConfig = new HashMap<>(clientConfig);
        probeConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> probe = new KafkaConsumer<>(probeConfig,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            probe.partitionsFor(topic, timeout).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        int n = Math.min(readers, partitions.size());
        if (n <= 1) {
            readPartitions(partitions, clientConfig, registry, timeout, each);
            return;
        }
        List<java.util.concurrent.CompletableFuture<Void>> reading = new ArrayList<>();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "govwatch-crawl-state-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < n; i++) {
                List<TopicPartition> share = new ArrayList<>();
                for (int p = i; p < partitions.size(); p += n) {
                    share.add(partitions.get(p));
                }
                reading.add(java.util.concurrent.CompletableFuture.runAsync(
                        () -> readPartitions(share, clientConfig, registry, timeout, each), threads));
            }
            java.util.concurrent.CompletableFuture.allOf(reading.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            threads.shutdownNow();
        }
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> void readPartitions(List<TopicPartition> partitions,
            Map<String, Object> clientConfig, RegistryConnection registry, Duration timeout, java.util.function.BiConsumer<String, T> each) {
        try (KafkaConsumer<String, T> consumer = consumer(clientConfig, registry)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(partitions.get(0).topic() + " not read within " + timeout);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(r -> each.accept(r.key(), r.value()));
            }
        }
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> KafkaConsumer<String, T> consumer(
            Map<String, Object> clientConfig, RegistryConnection registry) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only what the crawler committed: a page and its state arrive together or not at all.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // States are ~200 bytes: larger fetches and polls, fewer round trips for a million of them.
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        config.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return new KafkaConsumer<>(config, new StringDeserializer(), AvroSerdes.<T>deserializer(registry));
    }
}
