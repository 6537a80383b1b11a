package dev.govwatch.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import dev.govwatch.streams.ServiceConfig;

/**
 * The one way every command that talks to an external cluster reads its settings: a properties
 * file ({@code --config}) and then environment variables {@code GOVWATCH_KAFKA_*}
 * ({@code GOVWATCH_KAFKA_SECURITY_PROTOCOL=SASL_SSL} is {@code kafka.security.protocol}), later
 * ones winning. {@code kafka.*} entries are Kafka client settings (TLS, SASL, timeouts) for every
 * producer, consumer, admin and Streams client; the other entries are service settings
 * ({@link ServiceConfig}).
 */
record ClientSettings(Map<String, Object> service, Map<String, Object> kafka) {

    static final String ENV_PREFIX = "GOVWATCH_KAFKA_";

    static ClientSettings load(Path configFile, Map<String, String> environment) throws IOException {
        Map<String, Object> service = new HashMap<>();
        Map<String, Object> kafka = new HashMap<>();
        if (configFile != null) {
            if (!Files.isReadable(configFile)) {
                throw new IllegalArgumentException("cannot read --config " + configFile.toAbsolutePath());
            }
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(configFile)) {
                file.load(reader);
            }
            file.forEach((k, v) -> {
                String key = k.toString();
                if (key.startsWith(ServiceConfig.KAFKA_PREFIX)) {
                    kafka.put(key.substring(ServiceConfig.KAFKA_PREFIX.length()), v);
                } else {
                    service.put(key, v);
                }
            });
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                kafka.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return new ClientSettings(service, kafka);
    }

    /** Settings for a Kafka client of the cluster at {@code bootstrapServers}. */
    Map<String, Object> client(String bootstrapServers) {
        Map<String, Object> client = new HashMap<>(kafka);
        client.put("bootstrap.servers", bootstrapServers);
        return client;
    }

    /** Settings in {@link ServiceConfig}'s form: service keys as they are, client settings under {@code kafka.}. */
    Map<String, Object> serviceProperties() {
        Map<String, Object> props = new HashMap<>(service);
        kafka.forEach((k, v) -> props.put(ServiceConfig.KAFKA_PREFIX + k, v));
        return props;
    }
}
