package dev.govwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up problems a user can cause end in one clear error, before any child JVM is left behind. */
class EmbeddedStackFailuresIT {

    @Test
    void aDataDirectoryThatCannotBeCreatedIsNamed(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> EmbeddedStack.start(file.resolve("data")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("cannot create the data directory")
                .hasMessageContaining(file.resolve("data").toString());
    }

    @Test
    void aDataDirectoryInUseByAnotherStackIsRefused(@TempDir Path dataDir) {
        try (EmbeddedStack first = EmbeddedStack.start(dataDir)) {
            assertThatThrownBy(() -> EmbeddedStack.start(dataDir))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("in use by another govwatch stack");
        }
    }

    @Test
    void aTakenPortIsNamed(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StackConfig config = StackConfig.fromSystemProperties(Map.of(
                    StackConfig.DATA_DIR, dataDir.toString(),
                    StackConfig.KAFKA_PORT, taken.getLocalPort()));

            assertThatThrownBy(() -> EmbeddedStack.start(config))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " for kafka is already in use");
        }
    }

    /** A port chosen free is taken by another process before the broker binds it: new ports, not a failed start. */
    @Test
    void aPortTakenBetweenChoosingAndBindingIsChosenAgain(@TempDir Path dataDir) throws Exception {
        List<Map<String, Integer>> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<ServerSocket> thieves = new java.util.concurrent.CopyOnWriteArrayList<>();
        StackConfig config = StackConfig.fromSystemProperties(Map.of(StackConfig.DATA_DIR, dataDir.toString()));
        try (EmbeddedStack stack = EmbeddedStack.start(config, true, ports -> {
            attempts.add(ports);
            if (attempts.size() == 1) {
                try {
                    thieves.add(new ServerSocket(ports.get("kafka.controller"), 1, InetAddress.getLoopbackAddress()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        })) {
            assertThat(attempts).hasSize(2);
            assertThat(attempts.get(1).get("kafka.controller")).isNotEqualTo(attempts.get(0).get("kafka.controller"));
            assertThat(stack.bootstrapServers()).isEqualTo("127.0.0.1:" + attempts.get(1).get("kafka"));
        } finally {
            for (ServerSocket thief : thieves) {
                thief.close();
            }
        }
    }

    @Test
    void aMissingRegistryServerSaysHowToBuildIt(@TempDir Path dataDir) {
        StackConfig config = StackConfig.fromSystemProperties(Map.of(
                StackConfig.DATA_DIR, dataDir.toString(),
                StackConfig.REGISTRY_HOME, dataDir.resolve("nowhere").toString()));

        assertThatThrownBy(() -> EmbeddedStack.start(config))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Apicurio Registry server not found")
                .hasMessageContaining("./mvnw -pl registry-server package");
    }
}
