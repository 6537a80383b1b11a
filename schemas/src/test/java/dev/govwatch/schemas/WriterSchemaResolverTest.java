package dev.govwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.apicurio.registry.resolver.SchemaLookupResult;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.serde.data.KafkaSerdeMetadata;
import io.apicurio.registry.serde.data.KafkaSerdeRecord;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericContainer;
import org.junit.jupiter.api.Test;

/** What the writer-schema cache asks the registry resolver again, and what it answers from memory. */
class WriterSchemaResolverTest {

    private final AtomicInteger lookups = new AtomicInteger();
    private final Function<Record<GenericContainer>, SchemaLookupResult<Schema>> registry =
            r -> SchemaLookupResult.<Schema>builder().globalId(lookups.incrementAndGet()).build();

    @Test
    void oneLookupPerTopicAndSchemaInstance() {
        WriterSchemaResolver.Lookups<GenericContainer> cache = new WriterSchemaResolver.Lookups<>();
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
        WriterSchemaResolver.Lookups<GenericContainer> cache = new WriterSchemaResolver.Lookups<>();
        Schema copy = new Schema.Parser().parse(CrawlState.getClassSchema().toString());
        GenericData.Record generic = new GenericData.Record(copy);

        cache.resolve(record("t", state("http://a.example/1")), registry);
        cache.resolve(record("t", generic), registry);
        cache.resolve(record("t", generic), registry);

        assertThat(lookups).hasValue(2);
    }

    @Test
    void aFailedLookupIsNotRemembered() {
        WriterSchemaResolver.Lookups<GenericContainer> cache = new WriterSchemaResolver.Lookups<>();
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
        WriterSchemaResolver.Lookups<GenericContainer> cache = new WriterSchemaResolver.Lookups<>();
        Record<GenericContainer> noTopic = new KafkaSerdeRecord<>(new KafkaSerdeMetadata(null, false, null), state("http://a.example/1"));

        cache.resolve(noTopic, registry);
        cache.resolve(noTopic, registry);

        assertThat(lookups).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void theCacheStartsOverRatherThanGrowWithoutBound() {
        WriterSchemaResolver.Lookups<GenericContainer> cache = new WriterSchemaResolver.Lookups<>();
        for (int i = 0; i < WriterSchemaResolver.Lookups.MAX_ENTRIES + 10; i++) {
            cache.resolve(record("topic-" + i, state("http://a.example/1")), registry);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(WriterSchemaResolver.Lookups.MAX_ENTRIES);
    }

    private static CrawlState state(String url) {
        return CrawlState.newBuilder().setUrl(url).setPortalId("p").setStatus(UrlStatus.FETCHED).build();
    }

    private static Record<GenericContainer> record(String topic, GenericContainer payload) {
        return new KafkaSerdeRecord<>(new KafkaSerdeMetadata(topic, false, null), payload);
    }
}
