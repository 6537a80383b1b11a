package dev.govwatch.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.govwatch.samples.PortalSimulator;
import dev.govwatch.samples.PortalSimulator.Response;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.CrawlState;
import dev.govwatch.schemas.Portal;

/**
 * The crawl state drives the schedule, as StormCrawler's URL status does: a URL failing sweep after
 * sweep backs off (2, 4, 8 … intervals), also after a restart; a restarted loop sweeps a portal
 * one interval after its last sweep, not at once.
 */
class CrawlScheduleTest {


    private static final Duration INTERVAL = Duration.ofHours(1);

    @Test
    void aFailingUrlBacksOffAndARestartKeepsTheBackoff() throws Exception {
        TestClock clock = new TestClock();
        try (PortalSimulator simulator = new PortalSimulator()) {
            PortalSimulator.Site site = simulator.addSite("bo", 42, StandardCharsets.UTF_8);
            site.publish("测试县部门甲2024年政府信息公开工作年度报告", new Report2021Page(4201).html);
            String broken = site.publish("测试县部门乙2024年政府信息公开工作年度报告", new Report2021Page(4202).html);
            String path = java.net.URI.create(broken).getRawPath();
            site.serve(path, Response.of(404, "text/html", "gone".getBytes(StandardCharsets.UTF_8)));
            Portal portal = portal(site);

            MemorySink sink = new MemorySink();
            List<Integer> hits = new ArrayList<>();
            List<Integer> deferred = new ArrayList<>();
            try (Crawler crawler = new Crawler(CrawlerSettings.defaults().withDefaultDelay(Duration.ofMillis(20)), sink, clock)) {
                for (int sweep = 0; sweep < 4; sweep++) {
                    long before = hits(simulator, path);
                    deferred.add(crawler.sweep(portal).get().deferred());
                    hits.add((int) (hits(simulator, path) - before));
                    clock.advance(INTERVAL);
                }
            }
            // Sweeps at 0, 1 h (2nd failure: next try 2 h later), 2 h (backing off), 3 h (asked again; 3rd failure: 4 h).
            assertThat(hits).containsExactly(1, 1, 0, 1);
            assertThat(deferred).containsExactly(0, 0, 1, 0);
            CrawlState last = sink.states.stream().filter(s -> s.getUrl().equals(broken)).reduce((a, b) -> b).orElseThrow();
            assertThat(last.getFailureCount()).isEqualTo(3);
            assertThat(last.getNextFetchAt()).isEqualTo(clock.instant().minus(INTERVAL).plus(INTERVAL.multipliedBy(4)));

            // A restarted crawler resumes the URL's state and keeps backing off.
            try (Crawler restarted = new Crawler(CrawlerSettings.defaults().withDefaultDelay(Duration.ofMillis(20)), new MemorySink(), clock)) {
                restarted.resume(sink.states);
                long before = hits(simulator, path);
                assertThat(restarted.sweep(portal).get().deferred()).isEqualTo(1);
                assertThat(hits(simulator, path) - before).isZero();
            }
        }
    }

    @Test
    void aResumedLoopSweepsAPortalOneIntervalAfterItsLastSweep() throws Exception {
        TestClock clock = new TestClock();
        try (PortalSimulator simulator = new PortalSimulator()) {
            PortalSimulator.Site site = simulator.addSite("rs", 43, StandardCharsets.UTF_8);
            site.publish("测试县部门丙2024年政府信息公开工作年度报告", new Report2021Page(4301).html);
            Portal portal = portal(site);
            MemorySink sink = new MemorySink();
            try (Crawler crawler = new Crawler(CrawlerSettings.defaults().withDefaultDelay(Duration.ofMillis(20)), sink, clock)) {
                crawler.sweep(portal).get();
            }
            clock.advance(Duration.ofMinutes(20));

            List<String> swept = new ArrayList<>();
            try (Crawler restarted = new Crawler(CrawlerSettings.defaults().withDefaultDelay(Duration.ofMillis(20)), new MemorySink(), clock)) {
                restarted.resumePortals(sink.statuses);
                CrawlLoop loop = new CrawlLoop(restarted, clock, s -> swept.add(s.portalId()), true);
                assertThat(loop.step(List.of(portal))).as("swept 20 min ago: not due").isZero();
                clock.advance(Duration.ofMinutes(41));
                assertThat(loop.step(List.of(portal))).isEqualTo(1);
                loop.drain();
            }
            assertThat(swept).containsExactly(portal.getId());
        }
    }

    private static long hits(PortalSimulator simulator, String path) {
        return simulator.hits().stream().filter(h -> h.path().equals(path)).count();
    }

    private static Portal portal(PortalSimulator.Site site) {
        return SimulatedPortal.of(site, 20).setCrawlIntervalSeconds(INTERVAL.toSeconds()).build();
    }
}
