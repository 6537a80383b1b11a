package dev.govwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;

import dev.govwatch.crawler.PortalFile;
import dev.govwatch.schemas.RegistryConnection;
import dev.govwatch.schemas.TopicProvisioner;
import dev.govwatch.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code govwatch crawler}: publishes the portal file's portals, then crawls the portals this instance
 * is assigned (instances in one group split them), publishing new and changed report pages and
 * resuming from the crawl-state topic.
 */
@Command(name = "crawler", mixinStandardHelpOptions = true,
        description = "Crawl the portals of a portal file into the pages topic, each on its interval (with jitter), until Ctrl-C.")
final class CrawlerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--portals", required = true, description = "The portal file (YAML).")
    private Path portalFile;

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers.")
    private String bootstrapServers;

    @Option(names = "--registry-url", required = true, description = "Apicurio Registry v2 API URL.")
    private String registryUrl;

    @Option(names = "--config", description = "Properties file; its kafka.* entries are Kafka client settings (TLS, SASL), "
            + "as the other services take them; GOVWATCH_KAFKA_* variables override them.")
    private Path configFile;

    @Option(names = "--group-id", defaultValue = "govwatch-crawler",
            description = "Consumer group of the crawler instances: they split the portals (default: ${DEFAULT-VALUE}).")
    private String groupId;

    @Option(names = "--once", description = "Sweep every owned portal once, then exit.")
    private boolean once;

    @Option(names = "--min-delay-ms", defaultValue = "2000", description = "Least pause between two requests to one host (default: ${DEFAULT-VALUE}).")
    private long minDelayMs;

    @picocli.CommandLine.Mixin
    private MetricsOptions metrics;

    @Override
    public Integer call() throws Exception {
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry meters = MetricsOptions.registryWithJvm();
        MetricsEndpoint endpoint = metrics.start(meters, () -> true, () -> true, spec.commandLine().getOut());
        try {
            return serve(meters);
        } finally {
            if (endpoint != null) {
                endpoint.close();
            }
        }
    }

    private int serve(io.micrometer.prometheusmetrics.PrometheusMeterRegistry meters) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PortalFile.Result file = PortalFile.read(portalFile);
        if (!file.ok()) {
            file.errors().forEach(e -> err.println("govwatch crawler: " + portalFile + ": " + e));
            return 1;
        }
        Map<String, Object> client;
        try {
            client = ClientSettings.load(configFile, System.getenv()).client(bootstrapServers);
        } catch (IllegalArgumentException e) {
            err.println("govwatch crawler: " + e.getMessage());
            return 2;
        }
        RegistryConnection registry = RegistryConnection.of(registryUrl);
        try (Admin admin = Admin.create(client)) {
            new TopicProvisioner(admin, (short) 1).ensure(Topics.ALL);
        } catch (org.apache.kafka.common.KafkaException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            err.println("govwatch crawler: the Kafka client settings were refused: " + cause.getMessage());
            return 2;
        }
        try (StopSignal stop = new StopSignal("govwatch-crawler-stop").arm(Duration.ofSeconds(60));
             CrawlSession session = new CrawlSession(client, registry, groupId, Duration.ofMillis(minDelayMs), meters, once, sweep -> {
            synchronized (out) {
                out.printf("%s %s: %d list page(s), %d report link(s), %d published, %d unchanged, %d blocked, %d failed, %d disallowed%s%n",
                        Instant.now(), sweep.portalId(), sweep.listPages(), sweep.reportLinks(), sweep.published(),
                        sweep.notModified(), sweep.blocked(), sweep.failed(), sweep.disallowed(),
                        (sweep.deferred() > 0 ? ", " + sweep.deferred() + " failing URL(s) backing off" : "")
                                + (sweep.moved() != null ? "; " + sweep.moved() : ""));
                out.flush();
            }
        })) {
            out.printf("%d portal(s); %d URL(s) known from earlier runs%n", file.portals().size(), session.knownUrls());
            out.flush();
            session.publish(file.portals());
            long started = System.nanoTime();
            while (!stop.requested()) {
                int running = session.step(Duration.ofSeconds(1));
                // --once: when every owned portal has been swept once (after the assignment settled).
                if (once && running == 0 && System.nanoTime() - started > Duration.ofSeconds(10).toNanos()) {
                    break;
                }
            }
        }
        return 0;
    }
}
