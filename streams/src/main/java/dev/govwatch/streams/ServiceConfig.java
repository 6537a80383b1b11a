package dev.govwatch.streams;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import dev.govwatch.schemas.RegistryConnection;
import dev.govwatch.schemas.Topics;
import dev.govwatch.schemas.ValueSerdes;

/**
 * Settings of a govwatch Kafka Streams service (extractor, validator), each declared once with its
 * default and doc. Any setting prefixed {@code kafka.} is passed to Kafka unchanged without the
 * prefix (TLS, SASL and client tuning), so security needs no code.
 */
public final class ServiceConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String REGISTRY_URL = "registry.url";
    public static final String APPLICATION_ID = "application.id";
    public static final String STATE_DIR = "state.dir";
    public static final String THREADS = "num.stream.threads";
    public static final String PROCESSING_GUARANTEE = "processing.guarantee";
    public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
    public static final String SERDES = "serdes";
    public static final String WARM_UP_MS = "warmup.ms";
    public static final String WARM_UP_KAFKA_MS = "warmup.kafka.ms";
    public static final String WORKLOAD = "workload";
    /** {@value #WORKLOAD} for pages arriving one by one: every record is sent as soon as it is ready. */
    public static final String LIVE = "live";
    /** {@value #WORKLOAD} for a backlog (a replay): the stream producers batch. */
    public static final String BULK = "bulk";
    public static final String KAFKA_PREFIX = "kafka.";

    /** The stream producers' first retry after a refused send (see {@link #streamsProperties()}); {@code kafka.producer.retry.backoff.ms} overrides it. */
    static final long TRANSACTION_RACE_BACKOFF_MS = 20;
    /** The longest the stream producers wait between retries of a refused send; {@code kafka.producer.retry.backoff.max.ms} overrides it. */
    static final long TRANSACTION_RACE_BACKOFF_MAX_MS = 200;
    /**
     * A bulk stream producer's batch: a report is 8–9 KB, so Kafka's 16 KB batch holds one, and a
     * replay wrote each report, changelog record and alert batch by batch (the broker's CPU a page
     * fell by 40 % with 128 KB batches on 12-01, BENCHMARKS replay fourth look).
     */
    static final int BULK_BATCH_BYTES = 256 * 1024;
    /** How long a bulk stream producer waits to fill a batch; nobody waits for one record of a backlog. */
    static final long BULK_LINGER_MS = 20;
    /** The commit interval of a live service, where a report waits for its transaction's commit to be read. */
    static final long LIVE_COMMIT_INTERVAL_MS = 200;
    /**
     * A bulk service's commit interval unless one is set: each exactly-once commit ends the
     * transaction (its batches flushed, markers on every partition written, offsets and the stores'
     * caches written); at 1 s the broker's and the producers' threads used about a third less CPU in
     * a replay than at 200 ms (BENCHMARKS replay, twelfth look).
     */
    static final long BULK_COMMIT_INTERVAL_MS = 1_000;

    private ServiceConfig(ConfigDef definition, Map<String, ?> props) {
        super(definition, props, false);
    }

    /** The settings of the service whose default application id is {@code applicationId}. */
    public static ServiceConfig of(String applicationId, Map<String, ?> props) {
        return new ServiceConfig(definition(applicationId), props);
    }

    public static ConfigDef definition(String applicationId) {
        return new ConfigDef()
                .define(BOOTSTRAP_SERVERS, Type.STRING, "", Importance.HIGH, "Kafka bootstrap servers.")
                .define(REGISTRY_URL, Type.STRING, "", Importance.HIGH,
                        "Apicurio Registry v2 API URL, e.g. http://host:8080/apis/registry/v2.")
                .define(APPLICATION_ID, Type.STRING, applicationId, Importance.MEDIUM,
                        "Kafka Streams application id: the consumer group and the prefix of internal topics. "
                                + "Instances with the same id share the work.")
                .define(STATE_DIR, Type.STRING, "data/streams", Importance.MEDIUM, "Directory for local state stores.")
                .define(THREADS, Type.INT, 1, Range.atLeast(1), Importance.MEDIUM, "Stream threads per instance.")
                .define(PROCESSING_GUARANTEE, Type.STRING, StreamsConfig.EXACTLY_ONCE_V2,
                        ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE), Importance.MEDIUM,
                        "exactly_once_v2 (default: each page yields its report exactly once) or at_least_once.")
                .define(COMMIT_INTERVAL_MS, Type.LONG, LIVE_COMMIT_INTERVAL_MS, Range.atLeast(1), Importance.LOW,
                        "How often progress (and, with exactly-once, the transaction) is committed. Unset, a bulk "
                                + "workload commits every " + BULK_COMMIT_INTERVAL_MS + " ms.")
                .define(SERDES, Type.STRING, "registry", ValidString.in("registry", "binary"), Importance.LOW,
                        "registry: Apicurio serdes (always, for real topics); binary: plain Avro without a registry, "
                                + "for topology tests and in-process benchmarks.")
                .define(WARM_UP_MS, Type.LONG, 3_000L, Range.atLeast(0), Importance.LOW,
                        "Before it consumes, the service runs its own code on built-in sample pages for up to this long, so that "
                                + "its first real pages are answered at speed (JIT compilation, schema lookups); 0 turns it off.")
                .define(WARM_UP_KAFKA_MS, Type.LONG, 3_000L, Range.atLeast(0), Importance.LOW,
                        "After that, for up to this long, its Kafka clients write transactions to the topic "
                                + Topics.WARM_UP + " and read them back, so that the producer's, consumer's and network "
                                + "code is compiled before the first real record, not while answering it; 0 turns it off.")
                .define(WORKLOAD, Type.STRING, LIVE, ValidString.in(LIVE, BULK), Importance.LOW,
                        "live: pages arrive one by one and each report and alert is sent as soon as it is ready (Kafka's "
                                + "16 KB producer batches, no linger); bulk: a backlog is reprocessed (govwatch replay sets it) "
                                + "and the stream producers batch up to " + BULK_BATCH_BYTES / 1024 + " KB for up to "
                                + BULK_LINGER_MS + " ms and commit every " + BULK_COMMIT_INTERVAL_MS + " ms. A "
                                + "kafka.producer.batch.size, kafka.producer.linger.ms or commit.interval.ms setting wins over either.");
    }

    /** The Kafka Streams application id, which prefixes the service's internal topics. */
    public String applicationId() {
        return getString(APPLICATION_ID);
    }

    public ValueSerdes valueSerdes() {
        if ("binary".equals(getString(SERDES))) {
            return ValueSerdes.binary();
        }
        return ValueSerdes.registry(registry());
    }

    /** How long the service's Kafka clients warm up against the broker ({@value #WARM_UP_KAFKA_MS}). */
    public java.time.Duration kafkaWarmUp() {
        return java.time.Duration.ofMillis(getLong(WARM_UP_KAFKA_MS));
    }

    /** How long the service warms up on sample records before it consumes ({@value #WARM_UP_MS}). */
    public java.time.Duration warmUp() {
        return java.time.Duration.ofMillis(getLong(WARM_UP_MS));
    }

    /** Whether the service writes in transactions ({@value #PROCESSING_GUARANTEE} = exactly_once_v2). */
    public boolean exactlyOnce() {
        return StreamsConfig.EXACTLY_ONCE_V2.equals(getString(PROCESSING_GUARANTEE));
    }

    /** Whether the service's serdes go through the registry (all but tests and in-process benchmarks). */
    public boolean usesRegistry() {
        return !"binary".equals(getString(SERDES));
    }

    public RegistryConnection registry() {
        String url = getString(REGISTRY_URL);
        if (url.isBlank()) {
            throw new org.apache.kafka.common.config.ConfigException(REGISTRY_URL, url, "a registry URL is required");
        }
        return RegistryConnection.of(url);
    }

    /** The Kafka Streams properties of this service, with the dead-letter handlers installed. */
    public Properties streamsProperties() {
        if (getString(BOOTSTRAP_SERVERS).isBlank()) {
            throw new org.apache.kafka.common.config.ConfigException(BOOTSTRAP_SERVERS, "", "bootstrap servers are required");
        }
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, getString(APPLICATION_ID));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, getString(BOOTSTRAP_SERVERS));
        p.put(StreamsConfig.STATE_DIR_CONFIG, getString(STATE_DIR));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, getInt(THREADS));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, getString(PROCESSING_GUARANTEE));
        boolean bulk = BULK.equals(getString(WORKLOAD));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                bulk && !originals().containsKey(COMMIT_INTERVAL_MS) ? BULK_COMMIT_INTERVAL_MS : getLong(COMMIT_INTERVAL_MS));
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        // With Kafka 4's transactions (v2) a send that races the previous transaction's commit
        // markers is refused (CONCURRENT_TRANSACTIONS) and retried after retry.backoff.ms, doubling
        // up to retry.backoff.max.ms: 100 ms to 1 s by default. Back-to-back transactions race
        // often while the broker is slow, in its first seconds, where those waits cost pages
        // seconds; Kafka's own AddPartitions path retries the same race after 20 ms (KAFKA-5477).
        p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), TRANSACTION_RACE_BACKOFF_MS);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG), TRANSACTION_RACE_BACKOFF_MAX_MS);
        if (bulk) {
            p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), BULK_BATCH_BYTES);
            p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), BULK_LINGER_MS);
        }
        p.putAll(handlerProperties());
        for (Map.Entry<String, Object> e : originalsWithPrefix(KAFKA_PREFIX).entrySet()) {
            p.put(e.getKey(), e.getValue());
        }
        return p;
    }

    /**
     * Settings for a plain Kafka client of this service (a producer or consumer beside its
     * streams): the bootstrap servers and the {@code kafka.*} client settings (TLS, SASL), without
     * the Kafka Streams ones.
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new HashMap<>(originalsWithPrefix(KAFKA_PREFIX));
        p.keySet().removeIf(k -> k.startsWith("application.") || k.startsWith("num.stream") || k.startsWith("processing.")
                || k.startsWith("default.") || k.startsWith("commit.interval") || k.startsWith("state.") || k.startsWith("cache.")
                || k.startsWith("statestore.") || k.startsWith("topology.") || k.startsWith("replication.factor"));
        p.put("bootstrap.servers", getString(BOOTSTRAP_SERVERS));
        return p;
    }

    /** What the dead-letter handlers need: their classes and how to serialize a dead letter. */
    public Map<String, Object> handlerProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        // The validator's portal-status global table is processed by the global thread too.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(ValueSerdes.KIND, getString(SERDES));
        if (!getString(REGISTRY_URL).isBlank()) {
            p.put(io.apicurio.registry.serde.SerdeConfig.REGISTRY_URL, getString(REGISTRY_URL));
        }
        return p;
    }
}
