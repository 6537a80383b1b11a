package dev.govwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class RegistryConnectionTest {

    @Test
    void aRegistryThatNeverAnswersFailsWithItsAddressAndTheReason() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RegistryConnection registry = RegistryConnection.of("http://127.0.0.1:" + closedPort + "/apis/registry/v2");
        assertThatThrownBy(() -> registry.awaitAnswer(Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("did not answer within 2 s")
                .hasMessageContaining("ConnectException");
    }

    @Test
    void anyHttpAnswerCountsEvenARefusal() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        try {
            RegistryConnection.of("http://127.0.0.1:" + server.getAddress().getPort() + "/apis/registry/v2/")
                    .awaitAnswer(Duration.ofSeconds(5));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void waitsForARegistryThatComesUpLater() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HttpServer server = HttpServer.create();
        server.createContext("/apis/registry/v2/system/info", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        int finalPort = port;
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(2_500);
                server.bind(new InetSocketAddress("127.0.0.1", finalPort), 0);
                server.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        later.start();
        long start = System.nanoTime();
        try {
            RegistryConnection.of("http://127.0.0.1:" + port + "/apis/registry/v2").awaitAnswer(Duration.ofSeconds(30));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(2));
        } finally {
            later.join();
            server.stop(0);
        }
    }
}
