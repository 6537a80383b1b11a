package dev.govwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs where the suite runs, so {@code docker compose config} cannot check the
 * compose file; this test checks what would otherwise drift: it parses, keeps its data on volumes,
 * and runs the same registry line and topic policy as the embedded stack.
 */
class DockerComposeFileTest {

    private static final Path FILE = Path.of("..", "docker-compose.yml");

    @Test
    void composeFileRunsKafkaAndTheSameRegistryLineOnPersistentVolumes() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(FILE));
        JsonNode kafka = compose.at("/services/kafka");
        JsonNode registry = compose.at("/services/registry");

        assertThat(kafka.path("image").asText()).startsWith("apache/kafka:4.");
        assertThat(kafka.at("/environment/KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(kafka.at("/environment/CLUSTER_ID").asText()).hasSize(22);
        assertThat(kafka.at("/environment/KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText()).isEqualTo("false");
        assertThat(kafka.path("volumes").get(0).asText()).startsWith("kafka-data:");
        assertThat(compose.at("/volumes").has("kafka-data")).isTrue();

        assertThat(registry.path("image").asText()).endsWith(":" + registryServerVersion());
        assertThat(registry.at("/environment/KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
        assertThat(registry.at("/depends_on/kafka/condition").asText()).isEqualTo("service_healthy");
    }

    @Test
    void theServicesRunFromTheRepositoryImageAgainstTheComposeStack() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(FILE));
        assertThat(compose.at("/services/crawler/build").asText()).isEqualTo(".");
        assertThat(Files.readString(Path.of("..", "Dockerfile"))).contains("dev.govwatch.cli.Govwatch");
        for (String service : new String[] {"crawler", "extractor", "validator", "notifier"}) {
            JsonNode s = compose.at("/services/" + service);
            assertThat(s.path("image").asText()).as(service).isEqualTo("govwatch:local");
            java.util.List<String> command = new java.util.ArrayList<>();
            s.path("command").forEach(n -> command.add(n.asText()));
            assertThat(command.get(0)).as(service).isEqualTo(service);
            assertThat(String.join(" ", command)).as(service)
                    .contains("--bootstrap-servers kafka:9092")
                    .contains("--registry-url http://registry:8080/apis/registry/v2")
                    .contains("--metrics-bind 0.0.0.0");
            assertThat(s.at("/depends_on/registry/condition").asText()).as(service).isEqualTo("service_healthy");
        }
        assertThat(compose.at("/services/validator/ports").get(0).asText()).isEqualTo("8470:8470");
        assertThat(compose.at("/services/notifier/profiles").get(0).asText()).isEqualTo("notify");
    }

    private static String registryServerVersion() throws Exception {
        String pom = Files.readString(Path.of("..", "registry-server", "pom.xml"));
        return pom.replaceAll("(?s).*<apicurio.server.version>([^<]+)</apicurio.server.version>.*", "$1");
    }
}
