package dev.govwatch.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Apicurio Registry 2.4 (built by the registry-server module) as a child JVM, storing its
 * artifacts in an H2 file under {@code <data>/registry} so that every schema id already written
 * into a topic still resolves after a restart.
 */
final class RegistryServer implements AutoCloseable {

    private final ChildProcess process;
    private final String apiUrl;

    private RegistryServer(ChildProcess process, String apiUrl) {
        this.process = process;
        this.apiUrl = apiUrl;
    }

    static RegistryServer start(Path dir, Path home, int port, String heap, Duration timeout) {
        String datasource = "jdbc:h2:file:" + dir.resolve("registry") + ";DB_CLOSE_ON_EXIT=FALSE";
        ChildProcess child = ChildProcess.startJava("registry", dir,
                List.of("-Xmx" + heap, "-XX:+UseSerialGC",
                        "-Dquarkus.http.host=127.0.0.1",
                        "-Dquarkus.http.port=" + port,
                        "-Dquarkus.log.level=WARN",
                        "-Dquarkus.log.category.\"io.quarkus\".level=INFO"),
                List.of("-jar", home.resolve("quarkus-run.jar").toString()),
                Map.of("REGISTRY_DATASOURCE_URL", datasource));
        RegistryServer server = new RegistryServer(child, "http://127.0.0.1:" + port + "/apis/registry/v2");
        try {
            server.awaitReady(timeout);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        return server;
    }

    /** Base URL of the v2 REST API. */
    String apiUrl() {
        return apiUrl;
    }

    ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/system/info"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        process.awaitReady("Apicurio Registry at " + apiUrl, timeout,
                () -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }
}
