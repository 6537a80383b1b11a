package dev.govwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import java.util.Map;

import io.apicurio.registry.resolver.ParsedSchemaImpl;
import io.apicurio.registry.resolver.SchemaLookupResult;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.serde.data.KafkaSerdeMetadata;
import io.apicurio.registry.serde.data.KafkaSerdeRecord;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericContainer;
import org.junit.jupiter.api.Test;

/** What the writer-schema cache asks the registry resolver again, and what it answers from memory. */
class SharedSchemaResolverTest {

    private final AtomicInteger lookups = new AtomicInteger();
    private final Function<Record<GenericContainer>, SchemaLookupResult<Schema>> registry =
            r -> SchemaLookupResult.<Schema>builder().globalId(lookups.incrementAndGet()).build();

    @Test
    void oneLookupPerTopicAndSchemaInstance() {
        SharedSchemaResolver.Lookups<GenericContainer> cache = new SharedSchemaResolver.Lookups<>();
        CrawlState a = state("http://a.example/1");
        CrawlState b = state("http://a.example/2");

        long first = cache.resolve(record("govwatch.crawl-state", a), registry).getGlobalId();
        long again = cache.resolve(record("govwatch.crawl-state", b), registry).getGlobalId();
        long otherTopic = cache.resolve(record("govwatch.crawl-state-copy", a), registry).getGlobalId();

        assertThat(again).isEqualTo(first);
        assertThat(otherTopic).isNotEqualTo(first);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void anEqualSchemaOfAnotherInstanceIsLookedUpAgain() {
        // Identity, not equality: comparing schemas deeply on every record would cost what the cache saves.
        SharedSchemaResolver.Lookups<GenericContainer> cache = new SharedSchemaResolver.Lookups<>();
        Schema copy = new Schema.Parser().parse(CrawlState.getClassSchema().toString());
        GenericData.Record generic = new GenericData.Record(copy);

        cache.resolve(record("t", state("http://a.example/1")), registry);
        cache.resolve(record("t", generic), registry);
        cache.resolve(record("t", generic), registry);

        assertThat(lookups).hasValue(2);
    }

    @Test
    void aFailedLookupIsNotRemembered() {
        SharedSchemaResolver.Lookups<GenericContainer> cache = new SharedSchemaResolver.Lookups<>();
        Function<Record<GenericContainer>, SchemaLookupResult<Schema>> down = r -> {
            throw new IllegalStateException("registry down");
        };

        assertThatThrownBy(() -> cache.resolve(record("t", state("http://a.example/1")), down)).hasMessage("registry down");
        cache.resolve(record("t", state("http://a.example/1")), registry);

        assertThat(lookups).hasValue(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void explicitArtifactReferencesAndSchemalessPayloadsAreNotCached() {
        SharedSchemaResolver.Lookups<GenericContainer> cache = new SharedSchemaResolver.Lookups<>();
        Record<GenericContainer> noTopic = new KafkaSerdeRecord<>(new KafkaSerdeMetadata(null, false, null), state("http://a.example/1"));

        cache.resolve(noTopic, registry);
        cache.resolve(noTopic, registry);

        assertThat(lookups).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void theCacheStartsOverRatherThanGrowWithoutBound() {
        SharedSchemaResolver.Lookups<GenericContainer> cache = new SharedSchemaResolver.Lookups<>();
        for (int i = 0; i < SharedSchemaResolver.Lookups.MAX_ENTRIES + 10; i++) {
            cache.resolve(record("topic-" + i, state("http://a.example/1")), registry);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(SharedSchemaResolver.Lookups.MAX_ENTRIES);
    }

    @Test
    void aSchemaThisProcessWroteIsReadBackWithoutALookup() {
        // A repartition topic or a store's changelog: written and read by the same service.
        SharedSchemaResolver.Lookups<GenericContainer> cache = new SharedSchemaResolver.Lookups<>();
        Function<Record<GenericContainer>, SchemaLookupResult<Schema>> withSchema = r -> SchemaLookupResult.<Schema>builder()
                .globalId(40 + lookups.incrementAndGet()).parsedSchema(new ParsedSchemaImpl<Schema>()
                        .setParsedSchema(CrawlState.getClassSchema())).build();
        long id = cache.resolve(record("t", state("http://a.example/1")), withSchema).getGlobalId();

        SchemaLookupResult<Schema> read = cache.byReference(ArtifactReference.fromGlobalId(id), r -> {
            throw new AssertionError("asked the registry for " + r);
        });

        assertThat(read.getParsedSchema().getParsedSchema()).isSameAs(CrawlState.getClassSchema());
        assertThat(lookups).hasValue(1);
    }

    @Test
    void anIdIsAskedForOnceAndAReferenceWithoutOneEveryTime() {
        SharedSchemaResolver.Lookups<GenericContainer> cache = new SharedSchemaResolver.Lookups<>();
        Function<ArtifactReference, SchemaLookupResult<Schema>> byReference =
                r -> SchemaLookupResult.<Schema>builder().globalId(lookups.incrementAndGet()).build();

        cache.byReference(ArtifactReference.fromGlobalId(7L), byReference);
        cache.byReference(ArtifactReference.fromGlobalId(7L), byReference);
        cache.byReference(ArtifactReference.fromGlobalId(8L), byReference);
        ArtifactReference byCoordinates = ArtifactReference.builder().groupId("default").artifactId("t-value").version("1").build();
        cache.byReference(byCoordinates, byReference);
        cache.byReference(byCoordinates, byReference);

        assertThat(lookups).hasValue(4);
        assertThat(cache.readable()).isEqualTo(2);
    }

    @Test
    void serdesOfOneRegistryAndSettingsShareTheirLookupsUntilTheRegistryIsForgotten() {
        String url = "http://127.0.0.1:1/apis/registry/v2";
        Map<String, Object> config = AvroSerdes.valueConfig(RegistryConnection.of(url));
        SharedSchemaResolver<GenericContainer> a = configured(config);
        SharedSchemaResolver<GenericContainer> b = configured(config);
        SharedSchemaResolver<GenericContainer> otherRegistry = configured(AvroSerdes.valueConfig(RegistryConnection.of(url + "x")));
        Map<String, Object> otherGroup = new java.util.HashMap<>(config);
        otherGroup.put(io.apicurio.registry.serde.SerdeConfig.EXPLICIT_ARTIFACT_GROUP_ID, "elsewhere");
        SharedSchemaResolver<GenericContainer> otherSettings = configured(otherGroup);

        assertThat(a.lookups()).isSameAs(b.lookups()).isNotSameAs(otherRegistry.lookups()).isNotSameAs(otherSettings.lookups());
        SharedSchemaResolver.forget(url);
        assertThat(configured(config).lookups()).isNotSameAs(a.lookups());
    }

    private static SharedSchemaResolver<GenericContainer> configured(Map<String, Object> config) {
        SharedSchemaResolver<GenericContainer> resolver = new SharedSchemaResolver<>();
        resolver.configure(config, new io.apicurio.registry.serde.avro.AvroSchemaParser<>(
                new io.apicurio.registry.serde.avro.DefaultAvroDatumProvider<>()));
        return resolver;
    }

    private static CrawlState state(String url) {
        return CrawlState.newBuilder().setUrl(url).setPortalId("p").setStatus(UrlStatus.FETCHED).build();
    }

    private static Record<GenericContainer> record(String topic, GenericContainer payload) {
        return new KafkaSerdeRecord<>(new KafkaSerdeMetadata(topic, false, null), payload);
    }
}
