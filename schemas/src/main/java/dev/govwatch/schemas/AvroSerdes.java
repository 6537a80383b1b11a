package dev.govwatch.schemas;

import java.util.Map;

import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.data.KafkaSerdeMetadata;
import io.apicurio.registry.serde.data.KafkaSerdeRecord;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Apicurio Avro serdes configured the one way govwatch uses them: schemas auto-registered under
 * the topic's value artifact, the schema id in the payload (not in headers), values read back as
 * the generated SpecificRecord classes, registry calls retried so that a registry restart does
 * not fail a producer, and schemas already looked up kept in use while the registry cannot be
 * reached (Apicurio otherwise drops them from its cache after the check period and fails).
 */
public final class AvroSerdes {

    static {
        TrustedAvroClasses.install();
    }

    private AvroSerdes() {
    }

    /** The full serde configuration for values. */
    public static Map<String, Object> valueConfig(RegistryConnection registry) {
        Map<String, Object> config = registry.serdeConfig();
        config.putIfAbsent(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
        config.putIfAbsent(SerdeConfig.AUTO_REGISTER_ARTIFACT_IF_EXISTS, "RETURN_OR_UPDATE");
        config.putIfAbsent(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        // The schema id goes in the payload, never in record headers: Kafka Streams state stores hand
        // the serde the headers of the record being processed, so a header-borne id would be read back
        // with another record's schema. One wire format everywhere also keeps outside consumers simple.
        config.putIfAbsent(SerdeConfig.ENABLE_HEADERS, false);
        config.putIfAbsent(SerdeConfig.RETRY_COUNT, 10);
        config.putIfAbsent(SerdeConfig.RETRY_BACKOFF_MS, 500L);
        config.putIfAbsent(io.apicurio.registry.resolver.SchemaResolverConfig.FAULT_TOLERANT_REFRESH, true);
        config.putIfAbsent(SerdeConfig.SCHEMA_RESOLVER, SharedSchemaResolver.class.getName());
        return config;
    }

    /**
     * Looks up (registering it if new) the value schema of {@code topic} now, so that the first
     * record a service writes there is not held by a registry round trip ({@link SharedSchemaResolver}
     * remembers it for every serde of the process).
     */
    public static void lookUp(RegistryConnection registry, String topic, Schema schema) {
        try (AvroKafkaSerializer<GenericContainer> serializer = new AvroKafkaSerializer<>()) {
            serializer.configure(valueConfig(registry), false);
            serializer.getSchemaResolver().resolveSchema(
                    new KafkaSerdeRecord<>(new KafkaSerdeMetadata(topic, false, null), new GenericData.Record(schema)));
        }
    }

    public static <V extends SpecificRecord> Serde<V> forValues(RegistryConnection registry) {
        Map<String, Object> config = valueConfig(registry);
        BufferedAvroSerializer<V> serializer = new BufferedAvroSerializer<>();
        serializer.configure(config, false);
        AvroKafkaDeserializer<V> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(config, false);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    public static <V extends SpecificRecord> Serializer<V> serializer(RegistryConnection registry) {
        Serde<V> serde = forValues(registry);
        return serde.serializer();
    }

    public static <V extends SpecificRecord> Deserializer<V> deserializer(RegistryConnection registry) {
        Serde<V> serde = forValues(registry);
        return serde.deserializer();
    }
}
