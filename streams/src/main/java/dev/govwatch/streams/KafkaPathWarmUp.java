package dev.govwatch.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.govwatch.schemas.Topics;

/**
 * The second half of a service's warm-up: its Kafka clients' own code paths run against the real
 * broker before the first real record — transactions begun and committed (when the service uses
 * them), record batches written lz4-compressed and uncompressed, fetched back read-committed and
 * decompressed — on a topic of its own ({@link Topics#WARM_UP}).
 *
 * <p>Why: the in-process warm-up ({@link WarmUp}) compiles the service's own code, but the
 * producer's, consumer's and network layer's code is first run by the first real records. On a
 * two-core machine the JIT compiling it then took about half of the service JVM's CPU for the first
 * twenty seconds of load, and the first pages waited behind it (docs/BENCHMARKS.md, latency).
 */
public final class KafkaPathWarmUp implements WarmUp {

    private static final int RECORDS_PER_TRANSACTION = 10;

    private final Map<String, Object> clientProperties;
    private final String transactionalId;
    private final boolean transactional;
    private final short replicationFactor;

    /**
     * @param clientProperties the service's plain client settings ({@link ServiceConfig#clientProperties()})
     * @param applicationId    begins the warm-up producers' transactional ids (new ones at each start)
     * @param transactional    whether the service writes in transactions: a service that does not
     *                         (at_least_once) may run on a cluster without transactions, so its
     *                         warm-up writes without them too
     * @param replicationFactor of the warm-up topic, if this start creates it
     */
    public KafkaPathWarmUp(Map<String, Object> clientProperties, String applicationId, boolean transactional,
                           short replicationFactor) {
        this.clientProperties = Map.copyOf(clientProperties);
        // Its own transactional ids at each start: two instances of a service starting together must not fence each other.
        this.transactionalId = applicationId + "-warm-up-" + UUID.randomUUID().toString().substring(0, 8);
        this.transactional = transactional;
        this.replicationFactor = replicationFactor;
    }

    /**
     * Writes and reads back records for about {@code budget} (and up to a second more to read the last ones back).
     *
     * @return how many records were read back
     */
    @Override
    public int run(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        ensureTopic();
        TopicPartition partition = new TopicPartition(Topics.WARM_UP, 0);
        // Page- and report-sized values of text-like bytes (lz4 finds something to compress).
        Random random = new Random(17);
        List<byte[]> values = List.of(textLike(random, 30_000), textLike(random, 8_000), textLike(random, 1_500));
        int read = 0;
        try (KafkaProducer<byte[], byte[]> plain = producer("none", "");
             KafkaProducer<byte[], byte[]> lz4 = producer("lz4", "-lz4");
             KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            if (transactional) {
                plain.initTransactions();
                lz4.initTransactions();
            }
            int sent = 0;
            while (System.nanoTime() < deadline) {
                KafkaProducer<byte[], byte[]> producer = (sent / RECORDS_PER_TRANSACTION) % 2 == 0 ? plain : lz4;
                if (transactional) {
                    producer.beginTransaction();
                }
                for (int i = 0; i < RECORDS_PER_TRANSACTION; i++, sent++) {
                    producer.send(new ProducerRecord<>(Topics.WARM_UP, ("warm-up-" + sent).getBytes(StandardCharsets.UTF_8),
                            values.get(sent % values.size())));
                }
                if (transactional) {
                    producer.commitTransaction();
                } else {
                    producer.flush();
                }
                read += consumer.poll(Duration.ofMillis(20)).count();
            }
            long drain = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (read < sent && System.nanoTime() < drain) {
                read += consumer.poll(Duration.ofMillis(50)).count();
            }
        }
        return read;
    }

    private void ensureTopic() {
        Map<String, Object> adminProps = new HashMap<>(clientProperties);
        adminProps.put("default.api.timeout.ms", 30_000);
        try (Admin admin = Admin.create(adminProps)) {
            admin.createTopics(List.of(new NewTopic(Topics.WARM_UP, 1, replicationFactor)
                    .configs(Map.of("retention.ms", "3600000", "segment.bytes", Integer.toString(16 * 1024 * 1024)))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the warm-up topic " + Topics.WARM_UP + ": " + e.getCause(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating the warm-up topic " + Topics.WARM_UP + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the warm-up topic", e);
        }
    }

    private KafkaProducer<byte[], byte[]> producer(String compression, String suffix) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        if (transactional) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId + suffix);
        }
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId + suffix);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, transactionalId + "-reader");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static byte[] textLike(Random random, int size) {
        byte[] value = new byte[size];
        for (int i = 0; i < size; i++) {
            value[i] = (byte) ('a' + random.nextInt(random.nextInt(4) == 0 ? 26 : 4));
        }
        return value;
    }
}
