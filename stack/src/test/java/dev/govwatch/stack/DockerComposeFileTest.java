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

    private static String registryServerVersion() throws Exception {
        String pom = Files.readString(Path.of("..", "registry-server", "pom.xml"));
        return pom.replaceAll("(?s).*<apicurio.server.version>([^<]+)</apicurio.server.version>.*", "$1");
    }
}
