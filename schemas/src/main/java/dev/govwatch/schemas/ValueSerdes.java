package dev.govwatch.schemas;

import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Where the services get their value serdes: from Apicurio Registry (what every deployment uses) or,
 * for topology tests and in-process benchmarks that run without a registry, plain Avro binary with
 * the build's own schemas.
 */
public interface ValueSerdes {

    /** Setting that selects the implementation: {@code registry} (default) or {@code binary}. */
    String KIND = "govwatch.serdes";

    <V extends SpecificRecord> Serde<V> forTopic(Topic<V> topic);

    /** For a state store holding a record type that is no topic's value. */
    <V extends SpecificRecord> Serde<V> forStore(Class<V> type);

    /**
     * Makes the registry lookup for values of {@code schema} written to {@code topic} now, ahead of
     * the first record (a warm-up's work); nothing where there is no registry.
     */
    default void lookUp(String topic, Schema schema) {
    }

    static ValueSerdes registry(RegistryConnection registry) {
        return new ValueSerdes() {
            @Override
            public void lookUp(String topic, Schema schema) {
                AvroSerdes.lookUp(registry, topic, schema);
            }

            @Override
            public <V extends SpecificRecord> Serde<V> forTopic(Topic<V> topic) {
                return topic.valueSerde(registry);
            }

            @Override
            public <V extends SpecificRecord> Serde<V> forStore(Class<V> type) {
                return AvroSerdes.forValues(registry);
            }
        };
    }

    static ValueSerdes binary() {
        return new ValueSerdes() {
            @Override
            public <V extends SpecificRecord> Serde<V> forTopic(Topic<V> topic) {
                return new BinaryAvroSerde<>(topic.valueType());
            }

            @Override
            public <V extends SpecificRecord> Serde<V> forStore(Class<V> type) {
                return new BinaryAvroSerde<>(type);
            }
        };
    }

    /** From a service's settings: {@value #KIND} and, for the registry, {@code apicurio.registry.*}. */
    static ValueSerdes fromConfig(Map<String, ?> config) {
        Object kind = config.get(KIND);
        if ("binary".equals(kind)) {
            return binary();
        }
        Object url = config.get(io.apicurio.registry.serde.SerdeConfig.REGISTRY_URL);
        if (url == null) {
            throw new IllegalArgumentException("no registry url: set " + io.apicurio.registry.serde.SerdeConfig.REGISTRY_URL);
        }
        return registry(RegistryConnection.of(url.toString()));
    }
}
