package dev.govwatch.schemas;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One Kafka topic of the pipeline: its name, key and value types, serdes and how the broker keeps it.
 *
 * <p>Every topic is keyed by a UTF-8 string (URL, portal id, report key, alert id) so that
 * compaction keeps exactly the latest value per entity; values are Avro records registered in
 * Apicurio Registry under the artifact {@code <topic>-value}.
 *
 * @param <V> the Avro value type
 */
public final class Topic<V extends SpecificRecord> {

    /** How the broker discards old records of a topic. */
    public enum Cleanup {
        /** Keep the latest record per key, forever. */
        COMPACT,
        /** Drop records older than the retention. */
        DELETE
    }

    private final String name;
    private final Class<V> valueType;
    private final Schema valueSchema;
    private final int partitions;
    private final Cleanup cleanup;
    private final Duration retention;
    private final String doc;

    Topic(String name, Class<V> valueType, Schema valueSchema, int partitions, Cleanup cleanup,
          Duration retention, String doc) {
        this.name = Objects.requireNonNull(name);
        this.valueType = Objects.requireNonNull(valueType);
        this.valueSchema = Objects.requireNonNull(valueSchema);
        this.partitions = partitions;
        this.cleanup = Objects.requireNonNull(cleanup);
        this.retention = retention;
        this.doc = doc;
    }

    public String name() {
        return name;
    }

    public Class<String> keyType() {
        return String.class;
    }

    public Class<V> valueType() {
        return valueType;
    }

    /** The writer schema of the values this build produces. */
    public Schema valueSchema() {
        return valueSchema;
    }

    public int partitions() {
        return partitions;
    }

    public Cleanup cleanup() {
        return cleanup;
    }

    /** Empty for topics kept forever. */
    public Optional<Duration> retention() {
        return Optional.ofNullable(retention);
    }

    public String doc() {
        return doc;
    }

    /** The registry artifact holding this topic's value schema (Apicurio's TopicIdStrategy). */
    public String valueArtifactId() {
        return name + "-value";
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** A configured Apicurio Avro serde for this topic's values. */
    public Serde<V> valueSerde(RegistryConnection registry) {
        return AvroSerdes.forValues(registry);
    }

    /** The broker-side configuration this topic is created with. */
    public Map<String, String> brokerConfig() {
        String policy = cleanup == Cleanup.COMPACT ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
        String retentionMs = retention == null ? "-1" : Long.toString(retention.toMillis());
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, policy,
                TopicConfig.RETENTION_MS_CONFIG, retentionMs,
                // Page bodies can reach several MB; keep the limit well above the crawler's body cap.
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(Topics.MAX_RECORD_BYTES));
    }

    /** The topic as the admin client creates it. */
    public NewTopic newTopic(short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor).configs(brokerConfig());
    }

    @Override
    public String toString() {
        return name;
    }
}
