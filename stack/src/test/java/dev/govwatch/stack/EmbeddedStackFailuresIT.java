package dev.govwatch.stack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
