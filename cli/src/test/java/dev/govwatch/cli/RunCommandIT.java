package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import dev.govwatch.samples.PortalSimulator;
import dev.govwatch.samples.Report2021Page;

/**
 * {@code govwatch run} end to end in one process: a simulated portal publishes a report whose
 * table 四 does not add up; the run crawls it, extracts it, validates it and prints the alert; an
 * agency the portal lists, with no report, is MISSING within a minute of the start.
 */
class RunCommandIT {

    @Test
    void aPublishedReportWithAWrongTotalIsAlertedByTheWholePipeline(@TempDir Path dir) throws Exception {
        try (PortalSimulator simulator = new PortalSimulator()) {
            PortalSimulator.Site site = simulator.addSite("run-it", 90, StandardCharsets.UTF_8);
            Report2021Page page = new Report2021Page(77);
            site.publish("测试县人民政府2024年政府信息公开工作年度报告", page.withReviewTotalOffBy(page.html, 5));
            Path portals = Files.writeString(dir.resolve("portals.yml"), """
                    portals:
                      - id: run-it
                        name: 测试县人民政府
                        listPages: [%s]
                        hostDelayMillis: 100
                        allowPrivateAddresses: true
                        expectedAgencies: [{name: 测试县水利局, level: DEPARTMENT}]
                    """.formatted(site.columnUrl()));

            List<String[]> posts = new CopyOnWriteArrayList<>(); // {signature, body}
            HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
            receiver.createContext("/hook", exchange -> {
                posts.add(new String[] {exchange.getRequestHeaders().getFirst("X-Govwatch-Signature"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.start();
            Path webhooks = Files.writeString(dir.resolve("webhooks.yml"), """
                    webhooks:
                      - name: it
                        url: http://127.0.0.1:%d/hook
                        secret: it-secret
                        categories: [INCONSISTENT]
                    """.formatted(receiver.getAddress().getPort()));

            RunCommand run = new RunCommand();
            StringWriter output = new StringWriter();
            CommandLine cli = new CommandLine(run).setOut(new PrintWriter(output, true));
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(
                    "--portals", portals.toString(), "--data-dir", dir.resolve("data").toString(), "--min-delay-ms", "100",
                    "--metrics-port", "0", "--http-port", "0", "--webhooks", webhooks.toString()));
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            long started = System.nanoTime();
            long missingAfter = -1;
            while (System.nanoTime() < deadline && !(output.toString().contains("T4_TOTALS") && !posts.isEmpty()
                    && missingAfter >= 0) && !exit.isDone()) {
                if (missingAfter < 0 && output.toString().matches("(?s).*ALERT OPEN +MISSING .*测试县水利局.*")) {
                    missingAfter = System.nanoTime() - started;
                }
                Thread.sleep(500);
            }
            String metricsUrl = output.toString().replaceAll("(?s).*metrics: (http://\\S+/metrics).*", "$1");
            String metrics = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(metricsUrl)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            // govwatch alerts finds the running pipeline through its data directory.
            StringWriter listed = new StringWriter();
            int alertsExit = new CommandLine(new Govwatch()).setOut(new PrintWriter(listed, true))
                    .execute("alerts", "--data-dir", dir.resolve("data").toString(), "--category", "INCONSISTENT", "--format", "json");
            run.stop.request();
            assertThat(alertsExit).isZero();
            assertThat(listed.toString()).contains("\"rule\":\"T4_TOTALS\"").contains("\"status\":\"OPEN\"");
            assertThat(exit.get()).as(output.toString()).isZero();
            assertThat(output.toString())
                    .contains("swept run-it: 1 report link(s), 1 published")
                    .containsPattern("ALERT OPEN +INCONSISTENT +T4_TOTALS .*≠ 总计 " + (page.t4[4] + 5));
            assertThat(metrics).contains("govwatch_crawler_pages_published_total 1.0");
            // A listed agency without a report is MISSING once the first sweep's pages are extracted:
            // within a minute of starting, not at the second hourly check.
            assertThat(missingAfter).as(output.toString()).isBetween(0L, Duration.ofMinutes(1).toNanos());
            System.out.printf("run: MISSING for the listed agency %.1f s after start%n", missingAfter / 1e9);
            receiver.stop(0);
            // The webhook got the alert, signed with its secret.
            assertThat(posts).singleElement().satisfies(p -> {
                assertThat(p[1]).contains("\"event\":\"alert.opened\"").contains("T4_TOTALS");
                assertThat(p[0]).isEqualTo(dev.govwatch.notifier.Signature.of("it-secret", p[1].getBytes(StandardCharsets.UTF_8)));
            });
        }
    }
}
