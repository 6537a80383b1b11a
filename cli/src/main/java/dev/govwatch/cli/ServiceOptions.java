package dev.govwatch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import dev.govwatch.streams.ServiceConfig;
import picocli.CommandLine.Option;

/**
 * Options shared by the services run against an external cluster. Settings come from, in rising
 * precedence: a properties file ({@code --config}), environment variables {@code GOVWATCH_KAFKA_*}
 * (e.g. {@code GOVWATCH_KAFKA_SECURITY_PROTOCOL=SASL_SSL} becomes {@code kafka.security.protocol}),
 * and the command-line options.
 */
final class ServiceOptions {

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--registry-url", description = "Apicurio Registry v2 API URL.")
    String registryUrl;

    @Option(names = "--config", description = "Properties file with service settings and kafka.* client settings.")
    Path configFile;

    @Option(names = "--application-id", description = "Kafka Streams application id (instances sharing it share the work).")
    String applicationId;

    @Option(names = "--state-dir", description = "Local state directory.")
    String stateDir;

    @Option(names = "--threads", description = "Stream threads.")
    Integer threads;

    @picocli.CommandLine.Mixin
    MetricsOptions metricsOptions;

    @Option(names = "--replication-factor", defaultValue = "1", description = "Replication factor for topics created on start (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    /** The metrics endpoint of {@code streams}, if asked for; announced on {@code out}. */
    MetricsEndpoint metrics(org.apache.kafka.streams.KafkaStreams streams, java.io.PrintWriter out) throws IOException {
        return metricsOptions.startForStreams(streams, out);
    }

    ServiceConfig toConfig(String defaultApplicationId, Map<String, String> environment) throws IOException {
        Map<String, Object> props = ClientSettings.load(configFile, environment).serviceProperties();
        putIfSet(props, ServiceConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        putIfSet(props, ServiceConfig.REGISTRY_URL, registryUrl);
        putIfSet(props, ServiceConfig.APPLICATION_ID, applicationId);
        putIfSet(props, ServiceConfig.STATE_DIR, stateDir);
        putIfSet(props, ServiceConfig.THREADS, threads);
        return ServiceConfig.of(defaultApplicationId, props);
    }

    private static void putIfSet(Map<String, Object> props, String key, Object value) {
        if (value != null) {
            props.put(key, value);
        }
    }

    /**
     * What a service command does when its Kafka Streams client failed for good (its global thread
     * died, say): say so and exit non-zero, so that a supervisor (compose, systemd) restarts it
     * rather than leaving a process that looks alive and does nothing.
     */
    static int failedForGood(picocli.CommandLine.Model.CommandSpec spec, String service) {
        spec.commandLine().getErr().println("govwatch " + service + ": Kafka Streams stopped on an error it cannot recover "
                + "from (the log above has it); exiting with 1 so that the service is restarted");
        return 1;
    }
}
