package dev.govwatch.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import org.apache.kafka.streams.KafkaStreams;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A service's {@code /metrics} (Prometheus text), {@code /health} (liveness: 200 unless the service
 * has failed for good) and {@code /ready} (readiness: 200 while it does its work).
 */
final class MetricsEndpoint implements AutoCloseable {

    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    static MetricsEndpoint start(String bind, int port, PrometheusMeterRegistry registry, BooleanSupplier alive,
                                 BooleanSupplier ready) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        server.createContext("/metrics", exchange -> send(exchange, 200, "text/plain; version=0.0.4", registry.scrape()));
        server.createContext("/health", exchange -> send(exchange, alive.getAsBoolean() ? 200 : 503, "text/plain",
                alive.getAsBoolean() ? "ok\n" : "failed\n"));
        server.createContext("/ready", exchange -> send(exchange, ready.getAsBoolean() ? 200 : 503, "text/plain",
                ready.getAsBoolean() ? "ready\n" : "not ready\n"));
        server.start();
        return new MetricsEndpoint(server);
    }

    /**
     * For a Kafka Streams service: the client's metrics (records processed, lag, commit latency …)
     * and the JVM's memory; alive unless the streams failed, ready while they run.
     */
    static MetricsEndpoint forStreams(String bind, int port, KafkaStreams streams) throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new KafkaStreamsMetrics(streams).bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        return start(bind, port, registry,
                () -> streams.state() != KafkaStreams.State.ERROR && streams.state() != KafkaStreams.State.PENDING_ERROR,
                () -> streams.state() == KafkaStreams.State.RUNNING);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
