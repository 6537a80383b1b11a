package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.govwatch.streams.ServiceConfig;
import picocli.CommandLine;

/** Client settings are read one way for every command: the file's kafka.* entries, then GOVWATCH_KAFKA_* variables. */
class ClientSettingsTest {

    @Test
    void fileEntriesThenEnvironmentVariablesMakeTheClientSettings(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("cluster.properties"), """
                kafka.security.protocol=SASL_SSL
                kafka.sasl.mechanism=SCRAM-SHA-512
                threads=3
                """);
        ClientSettings settings = ClientSettings.load(file, Map.of("GOVWATCH_KAFKA_SASL_MECHANISM", "PLAIN", "HOME", "/root"));

        assertThat(settings.client("broker:9093")).containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN").doesNotContainKey("threads");
        assertThat(settings.serviceProperties()).containsEntry("threads", "3")
                .containsEntry(ServiceConfig.KAFKA_PREFIX + "security.protocol", "SASL_SSL")
                .containsEntry(ServiceConfig.KAFKA_PREFIX + "sasl.mechanism", "PLAIN");
    }

    /**
     * The crawler takes the same settings as the other services (before, it built its clients from
     * the bootstrap servers alone and could not reach a cluster that needs TLS or SASL): a setting the
     * Kafka client refuses is reported as such, with exit code 2, before anything is crawled.
     */
    @Test
    void theCrawlerUsesTheSettingsAndSaysWhenTheClientRefusesThem(@TempDir Path dir) throws Exception {
        Path portals = Files.writeString(dir.resolve("portals.yml"), """
                portals:
                  - id: x
                    name: 某县人民政府
                    listPages: [http://127.0.0.1:9/list.html]
                """);
        Path config = Files.writeString(dir.resolve("cluster.properties"), "kafka.security.protocol=NO_SUCH_PROTOCOL\n");
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Govwatch()).setErr(new PrintWriter(err, true)).setOut(new PrintWriter(new StringWriter()))
                .execute("crawler", "--once", "--portals", portals.toString(), "--config", config.toString(),
                        "--bootstrap-servers", "127.0.0.1:9", "--registry-url", "http://127.0.0.1:9/apis/registry/v2");
        assertThat(exit).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("Kafka client settings were refused").contains("NO_SUCH_PROTOCOL");
    }

    @Test
    void anUnreadableConfigFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClientSettings.load(missing, Map.of()))
                .hasMessageContaining("nope.properties");
    }
}
