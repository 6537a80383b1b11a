package dev.govwatch.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;

import dev.govwatch.crawler.CrawlLoop;
import dev.govwatch.crawler.CrawlStateLoader;
import dev.govwatch.crawler.Crawler;
import dev.govwatch.crawler.CrawlerSettings;
import dev.govwatch.crawler.KafkaCrawlSink;
import dev.govwatch.crawler.PortalAssignment;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.RegistryConnection;

/**
 * A crawler instance wired to Kafka, as {@code govwatch crawler} and {@code govwatch run} use it:
 * resumed from the crawl-state topic, sweeping the portals its consumer group assigns it, flushing
 * its output after every sweep, and draining the sweeps in flight when closed.
 */
final class CrawlSession implements AutoCloseable {

    private final KafkaCrawlSink sink;
    private final Crawler crawler;
    private final PortalAssignment assignment;
    private final CrawlLoop loop;
    private final int knownUrls;

    /**
     * @param client  bootstrap servers and any client settings
     * @param groupId the crawler instances' consumer group
     * @param onSweep told of each finished sweep, after its output was flushed
     * @param sweepAtOnce every owned portal swept at once ({@code --once}); else a portal swept by an
     *                    earlier run is next due one interval after that sweep
     */
    CrawlSession(Map<String, Object> client, RegistryConnection registry, String groupId, Duration minDelay,
                 MeterRegistry meters, boolean sweepAtOnce, Consumer<Crawler.Sweep> onSweep) {
        Map<String, Object> loader = new HashMap<>(client);
        loader.put("group.id", groupId + "-state-loader");
        var portalStatuses = CrawlStateLoader.portalStatuses(loader, registry, Duration.ofMinutes(2));
        Map<String, Object> group = new HashMap<>(client);
        group.put("group.id", groupId);
        this.sink = new KafkaCrawlSink(client, registry);
        this.crawler = new Crawler(CrawlerSettings.defaults().withDefaultDelay(minDelay), sink, Clock.systemUTC(), meters);
        this.assignment = new PortalAssignment(group, registry);
        this.knownUrls = CrawlStateLoader.resume(crawler, loader, registry, Duration.ofMinutes(2));
        crawler.resumePortals(portalStatuses);
        sink.onLost(crawler::forget);
        this.loop = new CrawlLoop(crawler, Clock.systemUTC(), sweep -> {
            sink.flush();
            onSweep.accept(sweep);
        }, !sweepAtOnce);
    }

    /** URLs known from earlier runs. */
    int knownUrls() {
        return knownUrls;
    }

    /** Puts the portals on the portals topic, where the instances of the group share them. */
    void publish(List<Portal> portals) {
        portals.forEach(sink::portal);
        sink.flush();
    }

    /** Takes in assignment changes and starts the sweeps that are due; returns how many are running. */
    int step(Duration pollTimeout) {
        assignment.poll(pollTimeout);
        return loop.step(assignment.portals());
    }

    @Override
    public void close() throws Exception {
        try {
            loop.drain();
            sink.flush();
        } finally {
            assignment.close();
            crawler.close();
            sink.close();
        }
    }
}
