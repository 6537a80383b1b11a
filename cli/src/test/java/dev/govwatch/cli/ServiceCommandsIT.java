package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import dev.govwatch.stack.Stack;
import dev.govwatch.stack.StackExtension;

/**
 * {@code govwatch extractor} and {@code govwatch validator} as a user starts them against a cluster:
 * each serves Prometheus metrics with its Kafka Streams figures, liveness and readiness; the
 * validator serves its query API too; Ctrl-C (here: the stop signal) stops them cleanly.
 */
@ExtendWith(StackExtension.class)
class ServiceCommandsIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theExtractorServesMetricsHealthAndReadiness(Stack stack, @TempDir Path state) throws Exception {
        ExtractorCommand extractor = new ExtractorCommand();
        StringWriter out = new StringWriter();
        CompletableFuture<Integer> exit = start(new CommandLine(extractor), out, stack, state, "it-extractor-");
        String base = await(out, "metrics: (http://\\S+)/metrics");
        assertThat(get(base + "/ready").statusCode()).isEqualTo(200);
        assertThat(get(base + "/health").statusCode()).isEqualTo(200);
        assertThat(get(base + "/metrics").body()).contains("kafka_stream_thread").contains("jvm_memory_used_bytes");
        extractor.stop.request();
        assertThat(exit.get(2, TimeUnit.MINUTES)).isZero();
    }

    @Test
    void theValidatorServesItsQueryApiAndMetrics(Stack stack, @TempDir Path state) throws Exception {
        ValidatorCommand validator = new ValidatorCommand();
        StringWriter out = new StringWriter();
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CompletableFuture<Integer> exit = start(new CommandLine(validator), out, stack, state, "it-validator-",
                "--http-port", Integer.toString(port));
        await(out, "(query API and dashboard on port \\d+)");
        String metrics = await(out, "metrics: (http://\\S+)/metrics");
        assertThat(get(metrics + "/ready").statusCode()).isEqualTo(200);
        HttpResponse<String> coverage = get("http://127.0.0.1:" + port + "/api/coverage");
        assertThat(coverage.statusCode()).isEqualTo(200);
        assertThat(coverage.body()).contains("\"cells\"").contains("\"partial\":false");
        validator.stop.request();
        assertThat(exit.get(2, TimeUnit.MINUTES)).isZero();
    }

    private static CompletableFuture<Integer> start(CommandLine cli, StringWriter out, Stack stack, Path state, String appPrefix,
                                                    String... more) {
        cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true));
        String[] args = {"--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl(),
            "--application-id", appPrefix + UUID.randomUUID().toString().substring(0, 6), "--state-dir", state.toString(),
            "--metrics-port", "0"};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CompletableFuture.supplyAsync(() -> cli.execute(all));
    }

    private static String await(StringWriter out, String pattern) throws InterruptedException {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(pattern);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            java.util.regex.Matcher m = p.matcher(out.toString());
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + pattern + "' in:\n" + out);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
