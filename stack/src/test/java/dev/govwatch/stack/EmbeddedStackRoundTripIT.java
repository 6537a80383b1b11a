package dev.govwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.SchemaRegistrar;
import dev.govwatch.schemas.Topic;
import dev.govwatch.schemas.Topics;

/**
 * Every record type through the real broker and registry, then the same records again after the
 * whole stack restarted on its data directory.
 */
class EmbeddedStackRoundTripIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyRecordTypeRoundTripsAndSurvivesARestart(@TempDir Path dataDir) throws Exception {
        Map<Topic<?>, Map.Entry<String, SpecificRecord>> samples = SampleRecords.all();
        String bootstrap;
        String registryUrl;
        Map<String, String> globalIds;

        try (EmbeddedStack stack = EmbeddedStack.start(dataDir)) {
            bootstrap = stack.bootstrapServers();
            registryUrl = stack.registryUrl();
            produce(stack, samples);

            assertThat(byTopic(TopicReader.readAll(stack, samples.keySet(), samples.size(), TIMEOUT)))
                    .isEqualTo(expected(samples));
            globalIds = globalIds(stack);
            assertThat(globalIds).hasSize(Topics.ALL.size());
        }

        try (EmbeddedStack restarted = EmbeddedStack.start(dataDir)) {
            assertThat(restarted.bootstrapServers()).as("ports are remembered").isEqualTo(bootstrap);
            assertThat(restarted.registryUrl()).isEqualTo(registryUrl);
            assertThat(globalIds(restarted)).as("schemas kept under the same ids").isEqualTo(globalIds);

            assertThat(byTopic(TopicReader.readAll(restarted, samples.keySet(), samples.size(), TIMEOUT)))
                    .isEqualTo(expected(samples));
        }
    }

    @Test
    void registryRefusesASchemaThatOlderRecordsCouldNotBeReadWith(@TempDir Path dataDir) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(dataDir)) {
            String artifact = stack.registryUrl() + "/groups/default/artifacts/" + Topics.PORTALS.valueArtifactId();
            HttpResponse<String> rule = http.send(HttpRequest.newBuilder(URI.create(artifact + "/rules/COMPATIBILITY"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(rule.body()).contains(SchemaRegistrar.COMPATIBILITY);

            String portal = Topics.PORTALS.valueSchema().toString();
            String withRequiredField = portal.substring(0, portal.lastIndexOf(']'))
                    + ",{\"name\":\"contact\",\"type\":\"string\"}]}";
            HttpResponse<String> refused = postVersion(artifact, withRequiredField);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("contact");

            String withOptionalField = portal.substring(0, portal.lastIndexOf(']'))
                    + ",{\"name\":\"contact\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
            assertThat(postVersion(artifact, withOptionalField).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> postVersion(String artifactUrl, String schema) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(artifactUrl + "/versions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(schema)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void produce(Stack stack, Map<Topic<?>, Map.Entry<String, SpecificRecord>> samples) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config, new StringSerializer(),
                AvroSerdes.<SpecificRecord>serializer(stack.registry()))) {
            samples.forEach((topic, record) ->
                    producer.send(new ProducerRecord<>(topic.name(), record.getKey(), record.getValue())));
            producer.flush();
        }
    }

    private static Map<String, Map.Entry<String, SpecificRecord>> expected(
            Map<Topic<?>, Map.Entry<String, SpecificRecord>> samples) {
        Map<String, Map.Entry<String, SpecificRecord>> expected = new HashMap<>();
        samples.forEach((topic, record) -> expected.put(topic.name(), record));
        return expected;
    }

    private static Map<String, Map.Entry<String, SpecificRecord>> byTopic(
            List<ConsumerRecord<String, SpecificRecord>> records) {
        return records.stream().collect(Collectors.toMap(ConsumerRecord::topic,
                r -> Map.entry(r.key(), r.value())));
    }

    private Map<String, String> globalIds(Stack stack) throws Exception {
        Map<String, String> ids = new HashMap<>();
        for (Topic<?> topic : Topics.ALL) {
            String meta = http.send(HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/groups/default/artifacts/"
                    + topic.valueArtifactId() + "/meta")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            ids.put(topic.name(), meta.replaceAll(".*\"globalId\":(\\d+).*", "$1"));
        }
        return ids;
    }
}
