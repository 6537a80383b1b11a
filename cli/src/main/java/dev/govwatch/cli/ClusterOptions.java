package dev.govwatch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.govwatch.schemas.RegistryConnection;
import dev.govwatch.stack.EmbeddedStack;
import dev.govwatch.stack.Stack;
import picocli.CommandLine.Option;

/**
 * Where the commands that read the pipeline's topics ({@code alerts}, {@code replay}) find it: an
 * external cluster ({@code --bootstrap-servers} and {@code --registry-url}, with {@code kafka.*}
 * client settings from {@code --config} or {@code GOVWATCH_KAFKA_*} variables, as the services take
 * them), or else the embedded stack of a {@code govwatch run} on {@code --data-dir}.
 */
final class ClusterOptions {

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers of an external cluster.")
    String bootstrapServers;

    @Option(names = "--registry-url", description = "Apicurio Registry v2 API URL of an external cluster.")
    String registryUrl;

    @Option(names = "--config", description = "Properties file; its kafka.* entries are Kafka client settings (TLS, SASL).")
    Path configFile;

    @Option(names = "--data-dir", defaultValue = "data",
            description = "Without --bootstrap-servers: the data directory of a govwatch run (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    /** A cluster to talk to: its client settings (bootstrap servers included) and registry. */
    record Cluster(Map<String, Object> client, RegistryConnection registry, String describe) {
    }

    Cluster resolve(Map<String, String> environment) throws IOException {
        Map<String, Object> client = new HashMap<>(ClientSettings.load(configFile, environment).kafka());
        if (bootstrapServers != null || registryUrl != null) {
            if (bootstrapServers == null || registryUrl == null) {
                throw new IllegalArgumentException("give both --bootstrap-servers and --registry-url, or neither (to use --data-dir)");
            }
            client.put("bootstrap.servers", bootstrapServers);
            return new Cluster(client, RegistryConnection.of(registryUrl), bootstrapServers);
        }
        Optional<Stack> stack = EmbeddedStack.lastStartedIn(dataDir.resolve("stack"));
        if (stack.isEmpty()) {
            throw new IllegalArgumentException("no govwatch run has used " + dataDir.toAbsolutePath()
                    + "; start ./govwatch run (or demo --data-dir), or give --bootstrap-servers and --registry-url");
        }
        client.put("bootstrap.servers", stack.get().bootstrapServers());
        // A stopped run leaves its ports behind: fail fast instead of retrying for minutes.
        client.putIfAbsent("default.api.timeout.ms", 15_000);
        return new Cluster(client, stack.get().registry(), "the govwatch run in " + dataDir);
    }
}
