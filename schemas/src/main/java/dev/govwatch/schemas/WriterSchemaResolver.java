package dev.govwatch.schemas;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.apicurio.registry.resolver.DefaultSchemaResolver;
import io.apicurio.registry.resolver.SchemaLookupResult;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.serde.data.KafkaSerdeMetadata;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;

/**
 * Apicurio's schema resolver, remembering what it resolved for each topic and writer schema
 * instance. Apicurio's own resolver prints the record's schema as JSON on every record it
 * serializes, to look the schema up by its content: for the crawler's small state records that
 * was 8 % of a national sweep's CPU. A generated record class's schema is one instance for the
 * life of the process, so the lookup is made once per topic and schema.
 *
 * <p>Set by {@link AvroSerdes#valueConfig} through {@code apicurio.registry.schema-resolver}.
 * Records with an explicit artifact reference, or whose payload carries no schema, go to
 * Apicurio's resolver as before.
 */
public final class WriterSchemaResolver<T> extends DefaultSchemaResolver<Schema, T> {

    private final Lookups<T> lookups = new Lookups<>();

    @Override
    public SchemaLookupResult<Schema> resolveSchema(Record<T> data) {
        return lookups.resolve(data, super::resolveSchema);
    }

    @Override
    public void reset() {
        lookups.clear();
        super.reset();
    }

    /** The cache itself, apart from the registry client so that its rules can be tested alone. */
    static final class Lookups<T> {

        /** Generic records parsed at run time bring new schema instances: the cache starts over past this. */
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

        private final Map<Key, SchemaLookupResult<Schema>> resolved = new ConcurrentHashMap<>();

        SchemaLookupResult<Schema> resolve(Record<T> data, Function<Record<T>, SchemaLookupResult<Schema>> resolver) {
            if (!(data.metadata() instanceof KafkaSerdeMetadata m) || m.artifactReference() != null || m.getTopic() == null
                    || !(data.payload() instanceof GenericContainer c) || c.getSchema() == null) {
                return resolver.apply(data);
            }
            Key key = new Key(m.getTopic(), m.isKey(), c.getSchema());
            SchemaLookupResult<Schema> found = resolved.get(key);
            if (found == null) {
                // A failed lookup throws and is not remembered: the next record asks again.
                found = resolver.apply(data);
                if (resolved.size() >= MAX_ENTRIES) {
                    resolved.clear();
                }
                resolved.put(key, found);
            }
            return found;
        }

        void clear() {
            resolved.clear();
        }

        int size() {
            return resolved.size();
        }
    }
}
