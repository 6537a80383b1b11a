package dev.govwatch.schemas;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.apicurio.registry.resolver.DefaultSchemaResolver;
import io.apicurio.registry.resolver.SchemaLookupResult;
import io.apicurio.registry.resolver.SchemaParser;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.serde.data.KafkaSerdeMetadata;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;

/**
 * Apicurio's schema resolver, with one memory of what was resolved shared by every serde of the
 * process that talks to the same registry with the same settings.
 *
 * <p>Writing: Apicurio's own resolver prints the record's schema as JSON on every record it
 * serializes, to look the schema up by its content (8 % of a national sweep's CPU); a generated
 * record class's schema is one instance for the life of the process, so the lookup is made once
 * per topic and schema. Reading: a schema id names one schema for good, so an id resolved once —
 * or written by this process — is not asked for again.
 *
 * <p>Shared because a Kafka Streams service holds a serde per store and per topic, each of which
 * would otherwise make its own registry round trip on its first record — ten of them, serially,
 * in the validator's first transaction — and because a warm-up can then make those lookups
 * before the first real record ({@link AvroSerdes#lookUp}).
 *
 * <p>Set by {@link AvroSerdes#valueConfig} through {@code apicurio.registry.schema-resolver}.
 * Records with an explicit artifact reference, or whose payload carries no schema, go to
 * Apicurio's resolver as before.
 */
public final class SharedSchemaResolver<T> extends DefaultSchemaResolver<Schema, T> {

    /** Per registry URL, then per settings: serdes configured alike resolve alike. */
    private static final Map<String, Map<String, Lookups<?>>> SHARED = new ConcurrentHashMap<>();

    private Lookups<T> lookups = new Lookups<>();

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, SchemaParser<Schema, T> schemaParser) {
        super.configure(configs, schemaParser);
        Object url = configs.get(io.apicurio.registry.serde.SerdeConfig.REGISTRY_URL);
        lookups = (Lookups<T>) SHARED.computeIfAbsent(String.valueOf(url), u -> new ConcurrentHashMap<>())
                .computeIfAbsent(settingsKey(configs), k -> new Lookups<>());
    }

    /**
     * Forgets what was resolved at {@code registryUrl}, for serdes configured from now on: a new
     * registry on a port an earlier one used (a test's fresh stack) numbers its schemas anew.
     */
    public static void forget(String registryUrl) {
        SHARED.remove(registryUrl);
    }

    /** The memory this resolver uses (shared with its like). */
    Lookups<T> lookups() {
        return lookups;
    }

    @Override
    public SchemaLookupResult<Schema> resolveSchema(Record<T> data) {
        return lookups.resolve(data, super::resolveSchema);
    }

    @Override
    public SchemaLookupResult<Schema> resolveSchemaByArtifactReference(ArtifactReference reference) {
        return lookups.byReference(reference, super::resolveSchemaByArtifactReference);
    }

    @Override
    public void reset() {
        lookups.clear();
        super.reset();
    }

    /** The registry's URL and every other Apicurio setting (artifact strategy, group, auto-registration). */
    static String settingsKey(Map<String, ?> configs) {
        Map<String, String> apicurio = new TreeMap<>();
        configs.forEach((k, v) -> {
            if (k.startsWith("apicurio.")) {
                apicurio.put(k, String.valueOf(v));
            }
        });
        return apicurio.toString();
    }

    /** The memory itself, apart from the registry client so that its rules can be tested alone. */
    static final class Lookups<T> {

        /** Generic records parsed at run time bring new schema instances: the memory starts over past this. */
        static final int MAX_ENTRIES = 1_000;

        /** Topic, key or value, and the writer schema by identity (equal schemas of other instances are other keys). */
        private record Key(String topic, boolean isKey, Schema schema) {
            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && k.schema == schema && k.isKey == isKey && k.topic.equals(topic);
            }

            @Override
            public int hashCode() {
                return topic.hashCode() * 31 + System.identityHashCode(schema) + (isKey ? 1 : 0);
            }
        }

        private final Map<Key, SchemaLookupResult<Schema>> written = new ConcurrentHashMap<>();
        private final Map<Long, SchemaLookupResult<Schema>> byGlobalId = new ConcurrentHashMap<>();

        SchemaLookupResult<Schema> resolve(Record<T> data, Function<Record<T>, SchemaLookupResult<Schema>> resolver) {
            if (!(data.metadata() instanceof KafkaSerdeMetadata m) || m.artifactReference() != null || m.getTopic() == null
                    || !(data.payload() instanceof GenericContainer c) || c.getSchema() == null) {
                return resolver.apply(data);
            }
            Key key = new Key(m.getTopic(), m.isKey(), c.getSchema());
            SchemaLookupResult<Schema> found = written.get(key);
            if (found == null) {
                // A failed lookup throws and is not remembered: the next record asks again.
                found = resolver.apply(data);
                if (found == null) {
                    return null;
                }
                bounded(written).put(key, found);
                // What this process writes it may read back (a repartition topic, a store's changelog).
                if (found.getGlobalId() > 0 && found.getParsedSchema() != null) {
                    bounded(byGlobalId).putIfAbsent(found.getGlobalId(), found);
                }
            }
            return found;
        }

        SchemaLookupResult<Schema> byReference(ArtifactReference reference,
                                               Function<ArtifactReference, SchemaLookupResult<Schema>> resolver) {
            Long id = reference.getGlobalId();
            if (id == null) {
                return resolver.apply(reference);
            }
            SchemaLookupResult<Schema> found = byGlobalId.get(id);
            if (found == null) {
                found = resolver.apply(reference);
                if (found != null) {
                    bounded(byGlobalId).put(id, found);
                }
            }
            return found;
        }

        private static <K> Map<K, SchemaLookupResult<Schema>> bounded(Map<K, SchemaLookupResult<Schema>> map) {
            if (map.size() >= MAX_ENTRIES) {
                map.clear();
            }
            return map;
        }

        void clear() {
            written.clear();
            byGlobalId.clear();
        }

        int size() {
            return written.size();
        }

        int readable() {
            return byGlobalId.size();
        }
    }
}
