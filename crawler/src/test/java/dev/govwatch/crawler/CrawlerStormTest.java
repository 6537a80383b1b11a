package dev.govwatch.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.govwatch.samples.PortalSimulator;
import dev.govwatch.samples.PortalSimulator.Response;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.CrawlState;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.PortalState;
import dev.govwatch.schemas.PortalStatus;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.UrlStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Storms: many portals at once answering 500 to everything, 429 with Retry-After to everything, or
 * 404 for every report, beside healthy ones. Each sweep ends; each URL is tried at most
 * {@code maxAttempts} times (4xx once) and no sooner than Retry-After allows; every failure is in the
 * URL's crawl state, the portal's status and the fetch metrics; the healthy portals are not held up.
 */
class CrawlerStormTest {

    private static final int EACH = 40;
    private static final Duration DELAY = Duration.ofMillis(50);
    private static final String COLUMN = "/zfxxgk/zfxxgknb/index.html";

    private PortalSimulator simulator;
    private MemorySink sink;
    private SimpleMeterRegistry meters;
    private Crawler crawler;

    @BeforeEach
    void start() {
        simulator = new PortalSimulator();
        sink = new MemorySink();
        meters = new SimpleMeterRegistry();
        crawler = new Crawler(CrawlerSettings.defaults().withDefaultDelay(DELAY)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)), sink, Clock.systemUTC(), meters);
    }

    @AfterEach
    void stop() throws Exception {
        crawler.close();
        simulator.close();
    }

    @Test
    void stormsAreBoundedRecordedAndHoldUpNoOne() throws Exception {
        Map<String, List<PortalSimulator.Site>> groups = Map.of(
                "healthy", sites("ok", 0), "500", sites("e", 1), "429", sites("t", 2), "404", sites("n", 3));
        for (PortalSimulator.Site site : groups.get("500")) {
            site.serve(COLUMN, Response.of(500, "text/html", "<h1>Internal Server Error</h1>".getBytes(StandardCharsets.UTF_8)));
        }
        for (PortalSimulator.Site site : groups.get("429")) {
            site.throttle(Integer.MAX_VALUE, 1);
        }
        for (PortalSimulator.Site site : groups.get("404")) {
            for (String url : site.reportUrls()) {
                site.serve(java.net.URI.create(url).getPath(), Response.of(404, "text/html", "<h1>404</h1>".getBytes(StandardCharsets.UTF_8)));
            }
        }
        List<CompletableFuture<Crawler.Sweep>> sweeps = new ArrayList<>();
        groups.values().forEach(g -> g.forEach(site -> sweeps.add(crawler.sweep(portal(site)))));
        CompletableFuture.allOf(sweeps.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);

        int maxAttempts = CrawlerSettings.defaults().maxAttempts();
        Map<String, List<PortalSimulator.Hit>> hitsByHost = simulator.hits().stream()
                .collect(Collectors.groupingBy(PortalSimulator.Hit::host));

        // Healthy portals: every report published.
        assertThat(sink.pages).hasSize(EACH * 2)
                .allSatisfy(p -> assertThat(p.getPortalId()).startsWith("ok"));
        for (PortalSimulator.Site site : groups.get("healthy")) {
            assertThat(status(site)).isEqualTo(PortalState.OK);
        }
        // 500 everywhere: the column tried maxAttempts times, the portal UNREACHABLE.
        for (PortalSimulator.Site site : groups.get("500")) {
            assertThat(columnHits(hitsByHost, site)).as(site.id()).hasSize(maxAttempts);
            assertThat(status(site)).isEqualTo(PortalState.UNREACHABLE);
            assertThat(lastStatus(site).getDetail()).contains("HTTP 500");
        }
        // 429 everywhere: as many tries, each at least the Retry-After second after the one before.
        for (PortalSimulator.Site site : groups.get("429")) {
            List<PortalSimulator.Hit> hits = columnHits(hitsByHost, site);
            assertThat(hits).as(site.id()).hasSize(maxAttempts);
            for (int i = 1; i < hits.size(); i++) {
                assertThat(Duration.ofNanos(hits.get(i).nanoTime() - hits.get(i - 1).nanoTime()))
                        .as("gap before try %d at %s", i + 1, site.id()).isGreaterThanOrEqualTo(Duration.ofMillis(990));
            }
            assertThat(status(site)).isEqualTo(PortalState.UNREACHABLE);
            assertThat(lastStatus(site).getDetail()).contains("HTTP 429");
        }
        // 404 for every report: each asked once, recorded GONE, nothing published.
        for (PortalSimulator.Site site : groups.get("404")) {
            for (String url : site.reportUrls()) {
                String path = java.net.URI.create(url).getPath();
                assertThat(hitsByHost.get(site.host())).filteredOn(h -> h.path().equals(path)).as(url).hasSize(1);
                assertThat(state(url).getStatus()).isEqualTo(UrlStatus.GONE);
            }
        }
        assertThat(fetches("5xx")).isEqualTo(EACH * maxAttempts);
        assertThat(fetches("4xx")).isEqualTo(EACH * maxAttempts + EACH * 2);   // the 429s and the 404s
        System.out.printf("storms over %d portals: %.0f fetches 2xx, %.0f 4xx, %.0f 5xx; %d pages published (healthy only)%n",
                EACH * 4, fetches("2xx"), fetches("4xx"), fetches("5xx"), sink.pages.size());
    }

    private double fetches(String outcome) {
        var counter = meters.find("govwatch.crawler.fetches").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<PortalSimulator.Hit> columnHits(Map<String, List<PortalSimulator.Hit>> hitsByHost, PortalSimulator.Site site) {
        return hitsByHost.get(site.host()).stream().filter(h -> h.path().equals(COLUMN)).toList();
    }

    private PortalState status(PortalSimulator.Site site) {
        return lastStatus(site).getState();
    }

    private PortalStatus lastStatus(PortalSimulator.Site site) {
        List<PortalStatus> statuses = sink.statuses.stream().filter(s -> s.getPortalId().equals(site.id())).toList();
        assertThat(statuses).as("status of " + site.id()).isNotEmpty();
        return statuses.get(statuses.size() - 1);
    }

    private CrawlState state(String url) {
        List<CrawlState> states = sink.states.stream().filter(s -> s.getUrl().equals(url)).toList();
        assertThat(states).as("crawl state of " + url).isNotEmpty();
        return states.get(states.size() - 1);
    }

    private List<PortalSimulator.Site> sites(String prefix, int group) throws Exception {
        List<PortalSimulator.Site> sites = new ArrayList<>();
        for (int i = 0; i < EACH; i++) {
            PortalSimulator.Site site = simulator.addSite(prefix + i, 100 + group * EACH + i, StandardCharsets.UTF_8);
            for (int r = 0; r < 2; r++) {
                site.publish("风暴县部门" + r + "2024年政府信息公开工作年度报告", new Report2021Page(group * 1000 + i * 10 + r).html);
            }
            sites.add(site);
        }
        return sites;
    }

    private static Portal portal(PortalSimulator.Site site) {
        return Portal.newBuilder().setId(site.id()).setName("风暴县人民政府").setRegion(Region.newBuilder().build())
                .setListPages(List.of(site.columnUrl())).setHostDelayMillis(DELAY.toMillis())
                .setAllowPrivateAddresses(true).build();
    }
}
