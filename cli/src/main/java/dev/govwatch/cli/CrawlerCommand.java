package dev.govwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;

import dev.govwatch.crawler.CrawlStateLoader;
import dev.govwatch.crawler.Crawler;
import dev.govwatch.crawler.CrawlerSettings;
import dev.govwatch.crawler.KafkaCrawlSink;
import dev.govwatch.crawler.PortalFile;
import dev.govwatch.schemas.CrawlState;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.RegistryConnection;
import dev.govwatch.schemas.TopicProvisioner;
import dev.govwatch.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code govwatch crawler}: watches the portals of a portal file and publishes new and changed report
 * pages, resuming from the crawl-state topic. One instance crawls all portals (splitting them between
 * instances is not written yet).
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

    @Option(names = "--once", description = "Sweep every portal once, then exit.")
    private boolean once;

    @Option(names = "--min-delay-ms", defaultValue = "2000", description = "Least pause between two requests to one host (default: ${DEFAULT-VALUE}).")
    private long minDelayMs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PortalFile.Result file = PortalFile.read(portalFile);
        if (!file.ok()) {
            file.errors().forEach(e -> err.println("govwatch crawler: " + portalFile + ": " + e));
            return 1;
        }
        Map<String, Object> client = new HashMap<>();
        client.put("bootstrap.servers", bootstrapServers);
        RegistryConnection registry = RegistryConnection.of(registryUrl);
        try (Admin admin = Admin.create(client)) {
            new TopicProvisioner(admin, (short) 1).ensure(Topics.ALL);
        }
        Map<String, Object> loader = new HashMap<>(client);
        loader.put("group.id", "govwatch-crawler-state-loader");
        List<CrawlState> known = CrawlStateLoader.load(loader, registry, Duration.ofMinutes(2));
        out.printf("%d portal(s); %d URL(s) known from earlier runs%n", file.portals().size(), known.size());
        out.flush();
        Map<String, Instant> due = new HashMap<>();
        try (KafkaCrawlSink sink = new KafkaCrawlSink(client, registry);
             Crawler crawler = new Crawler(CrawlerSettings.defaults().withDefaultDelay(Duration.ofMillis(minDelayMs)), sink,
                     Clock.systemUTC())) {
            crawler.resume(known);
            file.portals().forEach(sink::portal);
            while (!Thread.currentThread().isInterrupted()) {
                for (Portal portal : file.portals()) {
                    if (Instant.now().isBefore(due.getOrDefault(portal.getId(), Instant.EPOCH))) {
                        continue;
                    }
                    Crawler.Sweep sweep = crawler.sweep(portal).get(1, TimeUnit.HOURS);
                    sink.flush();
                    out.printf("%s %s: %d list page(s), %d report link(s), %d published, %d unchanged, %d blocked, %d failed, %d disallowed%n",
                            Instant.now(), portal.getId(), sweep.listPages(), sweep.reportLinks(), sweep.published(),
                            sweep.notModified(), sweep.blocked(), sweep.failed(), sweep.disallowed());
                    out.flush();
                    // Jitter keeps thousands of portals from being swept in lockstep.
                    long interval = portal.getCrawlIntervalSeconds();
                    due.put(portal.getId(), Instant.now().plusSeconds(interval + ThreadLocalRandom.current().nextLong(interval / 10 + 1)));
                }
                if (once) {
                    return 0;
                }
                Thread.sleep(Duration.ofSeconds(30).toMillis());
            }
        }
        return 0;
    }
}
