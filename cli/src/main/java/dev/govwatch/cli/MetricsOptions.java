package dev.govwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Option;

/** {@code --metrics-port} and {@code --metrics-bind}, the same on every long-running command. */
final class MetricsOptions {

    @Option(names = "--metrics-port", defaultValue = "-1",
            description = "Serve /metrics (Prometheus), /health and /ready on this port; 0 picks one; -1 (default) serves none.")
    int port;

    @Option(names = "--metrics-bind", defaultValue = "127.0.0.1",
            description = "Address the metrics endpoint listens on (0.0.0.0 in a container) (default: ${DEFAULT-VALUE}).")
    String bind;

    /** A registry for a command's own meters, with the JVM's memory and GC already bound. */
    static PrometheusMeterRegistry registryWithJvm() {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(meters);
        new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(meters);
        return meters;
    }

    /** Serves {@code meters} if a port was asked for (else null), announced on {@code out}. */
    MetricsEndpoint start(PrometheusMeterRegistry meters, BooleanSupplier alive, BooleanSupplier ready, PrintWriter out)
            throws IOException {
        if (port < 0) {
            return null;
        }
        return announce(MetricsEndpoint.start(bind, port, meters, alive, ready), out);
    }

    /** Serves a Kafka Streams service's metrics if a port was asked for (else null). */
    MetricsEndpoint startForStreams(org.apache.kafka.streams.KafkaStreams streams, PrintWriter out) throws IOException {
        if (port < 0) {
            return null;
        }
        return announce(MetricsEndpoint.forStreams(bind, port, streams), out);
    }

    private MetricsEndpoint announce(MetricsEndpoint endpoint, PrintWriter out) {
        out.println("metrics: http://" + bind + ":" + endpoint.port() + "/metrics (also /health, /ready)");
        out.flush();
        return endpoint;
    }
}
