package dev.govwatch.schemas;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach the Apicurio Registry: its v2 API URL and any extra serde settings (auth, TLS),
 * passed through unchanged to the Apicurio serdes and client.
 *
 * @param url   base URL of the v2 API, e.g. {@code http://127.0.0.1:8081/apis/registry/v2}
 * @param extra further {@code apicurio.registry.*} settings
 */
public record RegistryConnection(String url, Map<String, Object> extra) {

    public RegistryConnection {
        Objects.requireNonNull(url, "registry url");
        extra = Map.copyOf(extra);
    }

    public static RegistryConnection of(String url) {
        return new RegistryConnection(url, Map.of());
    }

    /** The settings every govwatch serde starts from. */
    public Map<String, Object> serdeConfig() {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(io.apicurio.registry.serde.SerdeConfig.REGISTRY_URL, url);
        return config;
    }

    /**
     * Waits until the registry answers its system-info call (any HTTP answer counts: with auth, a
     * 401 still proves it is up), logging every ten seconds, so that a service started while the
     * registry restarts waits for it instead of failing on its first record.
     *
     * @throws IllegalStateException if it has not answered within {@code timeout}
     */
    public void awaitAnswer(Duration timeout) {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RegistryConnection.class);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/system/info"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long start = System.nanoTime();
        long nextLog = start;
        while (true) {
            String failure;
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
                if (nextLog != start) {
                    log.info("schema registry at {} answers again", url);
                }
                return;
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the schema registry at " + url, e);
            }
            long waited = System.nanoTime() - start;
            if (waited > timeout.toNanos()) {
                throw new IllegalStateException("the schema registry at " + url + " did not answer within "
                        + timeout.toSeconds() + " s (" + failure + ")");
            }
            if (System.nanoTime() >= nextLog) {
                log.warn("waiting for the schema registry at {} ({}; {} s so far)", url, failure,
                        Duration.ofNanos(waited).toSeconds());
                nextLog = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the schema registry at " + url, e);
            }
        }
    }
}
