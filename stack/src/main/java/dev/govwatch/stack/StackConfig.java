package dev.govwatch.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Settings of the embedded stack, each declared once with its default and doc. Given as
 * properties {@code stack.*}, or as system properties {@code govwatch.stack.*}.
 */
public final class StackConfig extends AbstractConfig {

    public static final String DATA_DIR = "stack.data.dir";
    public static final String KAFKA_PORT = "stack.kafka.port";
    public static final String KAFKA_CONTROLLER_PORT = "stack.kafka.controller.port";
    public static final String KAFKA_HEAP = "stack.kafka.heap";
    public static final String KAFKA_JVM_OPTIONS = "stack.kafka.jvm.options";
    public static final String REGISTRY_PORT = "stack.registry.port";
    public static final String REGISTRY_HOME = "stack.registry.home";
    public static final String REGISTRY_HEAP = "stack.registry.heap";
    public static final String STARTUP_TIMEOUT_MS = "stack.startup.timeout.ms";

    /** System property naming the registry server's directory; Maven sets it for the tests. */
    public static final String REGISTRY_HOME_PROPERTY = "govwatch.registry.home";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(DATA_DIR, Type.STRING, "data", Importance.HIGH,
                    "Directory holding the broker's log, the registry's database, child-process logs and the ports "
                            + "in use; a restart on the same directory keeps every topic and schema.")
            .define(KAFKA_PORT, Type.INT, 0, Range.between(0, 65535), Importance.MEDIUM,
                    "Broker listener port on 127.0.0.1; 0 reuses the port of the last run if free, else picks a free one.")
            .define(KAFKA_CONTROLLER_PORT, Type.INT, 0, Range.between(0, 65535), Importance.LOW,
                    "KRaft controller port on 127.0.0.1; 0 as for the listener port.")
            .define(KAFKA_HEAP, Type.STRING, "384m", Importance.LOW, "Maximum heap of the broker JVM (-Xmx).")
            .define(KAFKA_JVM_OPTIONS, Type.STRING, "", Importance.LOW,
                    "Further options of the broker JVM, separated by spaces (e.g. -XX:TieredStopAtLevel=1).")
            .define(REGISTRY_PORT, Type.INT, 0, Range.between(0, 65535), Importance.MEDIUM,
                    "Apicurio Registry HTTP port on 127.0.0.1; 0 as for the listener port.")
            .define(REGISTRY_HOME, Type.STRING, "", Importance.MEDIUM,
                    "Directory with the registry's quarkus-run.jar (registry-server/target/quarkus-app); empty "
                            + "searches the system property " + REGISTRY_HOME_PROPERTY
                            + ", then registry-server/target/quarkus-app in this and each parent directory.")
            .define(REGISTRY_HEAP, Type.STRING, "384m", Importance.LOW, "Maximum heap of the registry JVM (-Xmx).")
            .define(STARTUP_TIMEOUT_MS, Type.LONG, 120_000L, Range.atLeast(1_000L), Importance.LOW,
                    "How long to wait for the broker and the registry to become ready.");

    public StackConfig(Map<String, ?> props) {
        super(DEFINITION, props, false);
    }

    /** Defaults overridden by {@code govwatch.stack.*} system properties, then by {@code overrides}. */
    public static StackConfig fromSystemProperties(Map<String, ?> overrides) {
        Map<String, Object> props = new HashMap<>();
        for (String name : DEFINITION.names()) {
            String value = System.getProperty("govwatch." + name);
            if (value != null) {
                props.put(name, value);
            }
        }
        props.putAll(overrides);
        return new StackConfig(props);
    }

    public Path dataDir() {
        return Path.of(getString(DATA_DIR)).toAbsolutePath().normalize();
    }

    public Duration startupTimeout() {
        return Duration.ofMillis(getLong(STARTUP_TIMEOUT_MS));
    }

    /** The directory holding quarkus-run.jar, or an explanation of where it was looked for. */
    public Path registryHome() {
        return locateRegistryHome().orElseThrow(() -> new StackException(
                "Apicurio Registry server not found: no quarkus-run.jar in " + REGISTRY_HOME + ", in -D"
                        + REGISTRY_HOME_PROPERTY + " or under registry-server/target/quarkus-app from "
                        + Path.of("").toAbsolutePath() + " upwards. Build it with: ./mvnw -pl registry-server package"));
    }

    private Optional<Path> locateRegistryHome() {
        String configured = getString(REGISTRY_HOME);
        if (configured.isBlank()) {
            configured = System.getProperty(REGISTRY_HOME_PROPERTY, "");
        }
        if (!configured.isBlank()) {
            Path home = Path.of(configured).toAbsolutePath().normalize();
            return Files.isRegularFile(home.resolve("quarkus-run.jar")) ? Optional.of(home) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path home = dir.resolve("registry-server/target/quarkus-app");
            if (Files.isRegularFile(home.resolve("quarkus-run.jar"))) {
                return Optional.of(home);
            }
        }
        return Optional.empty();
    }

    /** The broker JVM's further options ({@value #KAFKA_JVM_OPTIONS}), one per element. */
    public List<String> kafkaJvmOptions() {
        String options = getString(KAFKA_JVM_OPTIONS).trim();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }
}
