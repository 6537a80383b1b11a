package dev.govwatch.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.govwatch.samples.PortalSimulator;
import dev.govwatch.samples.PortalSimulator.Response;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.Portal;

/**
 * robots.txt kept as RFC 9309 says: a server error means "disallow all" only for a while, then the
 * file is asked for again; rules read are used for a day at most, and through an outage after that. Before, one 503 for robots.txt
 * kept the host disallowed until the crawler was restarted.
 */
class RobotsExpiryTest {

    private static final Duration DELAY = Duration.ofMillis(20);


    private PortalSimulator simulator;
    private MemorySink sink;
    private Crawler crawler;
    private final TestClock clock = new TestClock();

    @BeforeEach
    void start() {
        simulator = new PortalSimulator();
        sink = new MemorySink();
        crawler = new Crawler(CrawlerSettings.defaults().withDefaultDelay(DELAY), sink, clock);
    }

    @AfterEach
    void stop() throws Exception {
        crawler.close();
        simulator.close();
    }

    @Test
    void aServerErrorForRobotsTxtDisallowsOnlyUntilItIsAskedAgain() throws Exception {
        PortalSimulator.Site site = site("r", 31);
        site.serve("/robots.txt", Response.of(503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8)));

        Crawler.Sweep first = crawler.sweep(portal(site)).get();
        // Not a site that forbids us but one we cannot read: the portal is UNREACHABLE (its agencies
        // BLOCKED, never MISSING), with the reason.
        assertThat(first.failed()).as("%s", first).isPositive();
        assertThat(sink.pages).isEmpty();
        assertThat(sink.statuses).singleElement().satisfies(s -> {
            assertThat(s.getState()).isEqualTo(dev.govwatch.schemas.PortalState.UNREACHABLE);
            assertThat(s.getDetail()).contains("robots.txt unreachable (HTTP 503)");
        });

        // The server recovers; within the retry wait the host stays disallowed without asking again …
        site.serve("/robots.txt", Response.of(404, "text/plain", new byte[0]));
        clock.advance(RobotsCache.FIRST_RETRY.minusSeconds(30));
        crawler.sweep(portal(site)).get();
        assertThat(sink.pages).isEmpty();
        assertThat(robotsHits()).isEqualTo(1);

        // … and after it, robots.txt is fetched again and the reports are crawled.
        clock.advance(Duration.ofMinutes(1));
        Crawler.Sweep third = crawler.sweep(portal(site)).get();
        assertThat(robotsHits()).isEqualTo(2);
        assertThat(third.disallowed()).isZero();
        assertThat(sink.pages).hasSize(2);
        assertThat(sink.statuses.get(sink.statuses.size() - 1).getState()).isEqualTo(dev.govwatch.schemas.PortalState.OK);
    }

    @Test
    void rulesReadAreKeptThroughAnOutageAndReadAgainAfterADay() throws Exception {
        PortalSimulator.Site site = site("d", 32);
        site.serve("/robots.txt", Response.of(200, "text/plain", "User-agent: *\nAllow: /\n".getBytes(StandardCharsets.UTF_8)));
        crawler.sweep(portal(site)).get();
        assertThat(sink.pages).hasSize(2);

        // A day later the file is asked for again; the server fails, and the rules read before stay in force.
        site.serve("/robots.txt", Response.of(500, "text/plain", new byte[0]));
        clock.advance(RobotsCache.FRESH.plusMinutes(1));
        site.publish("测试县部门9 2024年政府信息公开工作年度报告", new Report2021Page(3299).html);
        Crawler.Sweep sweep = crawler.sweep(portal(site)).get();
        assertThat(robotsHits()).isEqualTo(2);
        assertThat(sweep.disallowed()).isZero();
        assertThat(sink.pages).hasSize(3);

        // Now it forbids the reports: read again once the retry wait has passed, the new rules hold.
        site.serve("/robots.txt", Response.of(200, "text/plain", "User-agent: *\nDisallow: /\n".getBytes(StandardCharsets.UTF_8)));
        clock.advance(RobotsCache.FIRST_RETRY.plusMinutes(1));
        site.publish("测试县部门10 2024年政府信息公开工作年度报告", new Report2021Page(3300).html);
        Crawler.Sweep after = crawler.sweep(portal(site)).get();
        assertThat(robotsHits()).isEqualTo(3);
        assertThat(after.disallowed()).isPositive();
        assertThat(sink.pages).hasSize(3);
    }

    private long robotsHits() {
        return simulator.hits().stream().filter(h -> h.path().equals("/robots.txt")).count();
    }

    private PortalSimulator.Site site(String id, int index) throws Exception {
        PortalSimulator.Site site = simulator.addSite(id, index, StandardCharsets.UTF_8);
        for (int i = 0; i < 2; i++) {
            site.publish("测试县部门" + i + "2024年政府信息公开工作年度报告", new Report2021Page(index * 100 + i).html);
        }
        return site;
    }

    private static Portal portal(PortalSimulator.Site site) {
        return SimulatedPortal.of(site, DELAY.toMillis()).build();
    }
}
