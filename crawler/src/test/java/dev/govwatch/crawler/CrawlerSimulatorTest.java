package dev.govwatch.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.govwatch.samples.PortalSimulator;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.PortalState;
import dev.govwatch.schemas.Region;

/** The crawler against simulated portals on loopback (which the portals here explicitly allow). */
class CrawlerSimulatorTest {

    private static final Duration DELAY = Duration.ofMillis(150);

    private PortalSimulator simulator;
    private MemorySink sink;
    private Crawler crawler;

    @BeforeEach
    void start() {
        simulator = new PortalSimulator();
        sink = new MemorySink();
        crawler = new Crawler(CrawlerSettings.defaults().withDefaultDelay(DELAY), sink, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        crawler.close();
        simulator.close();
    }

    @Test
    void findsEveryReportThroughPaginationAndPublishesEachVersionOnce() throws Exception {
        PortalSimulator.Site site = site("a", 0, StandardCharsets.UTF_8, 23);

        Crawler.Sweep first = crawler.sweep(portal(site, true)).get();
        assertThat(first.listPages()).isEqualTo(3);
        assertThat(first.reportLinks()).isEqualTo(23);
        assertThat(first.published()).isEqualTo(23);
        assertThat(sink.pages).extracting(p -> p.getUrl()).containsExactlyInAnyOrderElementsOf(site.reportUrls());
        assertThat(simulator.hits()).noneMatch(h -> h.path().contains("/tzgg/"));

        Crawler.Sweep second = crawler.sweep(portal(site, true)).get();
        assertThat(second.published()).isZero();
        assertThat(second.notModified()).isEqualTo(23);
        assertThat(second.listPages()).isEqualTo(3);
        assertThat(second.reportLinks()).isEqualTo(23);
        // Nothing changed, so nothing is sent whole: the three list pages and 23 reports all answer 304.
        assertThat(simulator.hits()).filteredOn(h -> h.status() == 304).hasSize(26);

        site.edit(site.reportUrls().get(5), new Report2021Page(999).html);
        Crawler.Sweep third = crawler.sweep(portal(site, true)).get();
        assertThat(third.published()).isEqualTo(1);
        assertThat(sink.pages).hasSize(24);

        // A new report changes the list page's validator: the page is read again and the report found.
        String added = site.publish("2025年政府信息公开工作年度报告（补）", new Report2021Page(1000).html);
        Crawler.Sweep fourth = crawler.sweep(portal(site, true)).get();
        assertThat(fourth.reportLinks()).isEqualTo(24);
        assertThat(fourth.published()).isEqualTo(1);
        assertThat(sink.pages).extracting(p -> p.getUrl()).contains(added);
    }

    @Test
    void aRestartedCrawlerResumesFromItsStateWithoutPublishingAgain() throws Exception {
        PortalSimulator.Site site = site("b", 1, StandardCharsets.UTF_8, 5);
        crawler.sweep(portal(site, true)).get();

        MemorySink afterRestart = new MemorySink();
        try (Crawler restarted = new Crawler(CrawlerSettings.defaults().withDefaultDelay(DELAY), afterRestart, Clock.systemUTC())) {
            restarted.resume(sink.states);
            Crawler.Sweep sweep = restarted.sweep(portal(site, true)).get();
            assertThat(sweep.published()).isZero();
            assertThat(afterRestart.pages).isEmpty();
        }
    }

    @Test
    void robotsTxtIsHonoured() throws Exception {
        PortalSimulator.Site site = site("c", 2, StandardCharsets.UTF_8, 4);
        site.robots("User-agent: *\nDisallow: /zfxxgk/zfxxgknb/202501/\n");

        Crawler.Sweep sweep = crawler.sweep(portal(site, true)).get();
        assertThat(sweep.disallowed()).isEqualTo(4);
        assertThat(sink.pages).isEmpty();
        assertThat(simulator.hits()).noneMatch(h -> h.path().contains("/202501/"));
    }

    @Test
    void aChallengePageMarksThePortalBlockedAndIsNeverPublished() throws Exception {
        PortalSimulator.Site site = site("d", 3, StandardCharsets.UTF_8, 3);
        site.challenge(true);

        crawler.sweep(portal(site, true)).get();
        assertThat(sink.pages).isEmpty();
        assertThat(sink.statuses).singleElement().satisfies(s -> {
            assertThat(s.getState()).isEqualTo(PortalState.BLOCKED);
            assertThat(s.getDetail()).contains("412");
        });

        site.challenge(false);
        crawler.sweep(portal(site, true)).get();
        assertThat(sink.statuses).last().satisfies(s -> assertThat(s.getState()).isEqualTo(PortalState.OK));
        assertThat(sink.pages).hasSize(3);
    }

    @Test
    void eachHostSeesOneRequestAtATimeAtItsDelayWhileHostsProceedTogether() throws Exception {
        PortalSimulator.Site one = site("e", 4, StandardCharsets.UTF_8, 8);
        PortalSimulator.Site two = site("f", 5, Charset.forName("GBK"), 8);

        long start = System.nanoTime();
        crawler.sweep(portal(one, true)).thenCombine(crawler.sweep(portal(two, true)), (a, b) -> b).get();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        Map<String, List<PortalSimulator.Hit>> byHost = simulator.hits().stream()
                .collect(Collectors.groupingBy(PortalSimulator.Hit::host));
        List<Long> gaps = new ArrayList<>();
        for (List<PortalSimulator.Hit> hits : byHost.values()) {
            for (int i = 1; i < hits.size(); i++) {
                gaps.add((hits.get(i).nanoTime() - hits.get(i - 1).nanoTime()) / 1_000_000);
            }
        }
        assertThat(gaps).isNotEmpty().allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(DELAY.toMillis() - 10));
        int requestsPerHost = 1 + 1 + 8; // robots.txt, the list page, the reports
        assertThat(elapsedMs).as("two hosts crawled side by side").isLessThan(2L * requestsPerHost * DELAY.toMillis());
        // The GBK portal's pages are kept as bytes, with no charset claimed that the server did not send.
        assertThat(sink.pages).filteredOn(p -> p.getPortalId().equals("f")).allSatisfy(p -> {
            assertThat(p.getCharset()).isNull();
            assertThat(Charset.forName("GB18030").decode(p.getBody().duplicate()).toString()).contains("政府信息公开");
        });
    }

    @Test
    void fetchesArePublishedAsPrometheusMetricsByOutcome() throws Exception {
        PortalSimulator.Site site = site("m", 8, StandardCharsets.UTF_8, 3);
        var registry = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        try (Crawler metered = new Crawler(CrawlerSettings.defaults().withDefaultDelay(DELAY), sink, Clock.systemUTC(), registry)) {
            metered.sweep(portal(site, true)).get();
            metered.sweep(portal(site, true)).get();
        }
        String scrape = registry.scrape();

        // List page and reports once 200, then once 304.
        assertThat(scrape).contains("govwatch_crawler_fetches_total{outcome=\"2xx\"} 4.0")
                .contains("govwatch_crawler_fetches_total{outcome=\"not_modified\"} 4.0")
                .contains("govwatch_crawler_pages_published_total 3.0")
                .contains("govwatch_crawler_queued 0.0")
                .contains("govwatch_crawler_fetch_latency_seconds_count 8");
    }

    @Test
    void aThrottlingServerIsRetriedNoSoonerThanItsRetryAfter() throws Exception {
        PortalSimulator.Site site = site("h", 7, StandardCharsets.UTF_8, 1);
        site.throttle(1, 1);

        Crawler.Sweep sweep = crawler.sweep(portal(site, true)).get();
        assertThat(sweep.listPages()).isEqualTo(1);
        assertThat(sweep.published()).isEqualTo(1);
        List<PortalSimulator.Hit> column = simulator.hits().stream().filter(h -> h.path().endsWith("index.html")).toList();
        assertThat(column).extracting(PortalSimulator.Hit::status).containsExactly(429, 200);
        assertThat((column.get(1).nanoTime() - column.get(0).nanoTime()) / 1_000_000).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void loopbackAndPrivateAddressesAreRefusedUnlessThePortalAllowsThem() throws Exception {
        PortalSimulator.Site site = site("g", 6, StandardCharsets.UTF_8, 2);

        Crawler.Sweep sweep = crawler.sweep(portal(site, false)).get();
        assertThat(sweep.listPages()).isZero();
        assertThat(sweep.failed()).isEqualTo(1);
        assertThat(simulator.hits()).isEmpty();
        assertThat(sink.statuses).singleElement().satisfies(s -> {
            assertThat(s.getState()).isEqualTo(PortalState.UNREACHABLE);
            assertThat(s.getDetail()).contains("internal address");
        });
    }

    @Test
    void attachmentsLinkedFromTheColumnArePublishedWithTheirContentType() throws Exception {
        PortalSimulator.Site site = simulator.addSite("att", 9, StandardCharsets.UTF_8);
        site.serve("/zfxxgk/zfxxgknb/index.html", PortalSimulator.Response.of(200, "text/html; charset=UTF-8", ("<ul>"
                + "<li><a href=\"202501/P020250120.pdf\">附件1</a></li>"
                + "<li><a href=\"202501/P020250121.docx?v=2\">下载</a></li>"
                + "<li><a href=\"202501/photo.jpg\">图片</a></li></ul>").getBytes(StandardCharsets.UTF_8)));
        site.serve("/zfxxgk/zfxxgknb/202501/P020250120.pdf",
                PortalSimulator.Response.of(200, "application/pdf", "%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII)));
        site.serve("/zfxxgk/zfxxgknb/202501/P020250121.docx", PortalSimulator.Response.of(200,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", new byte[] {'P', 'K', 3, 4}));

        Crawler.Sweep sweep = crawler.sweep(portal(site, true)).get();

        assertThat(sweep.reportLinks()).isEqualTo(2);
        assertThat(sink.pages).extracting(p -> p.getContentType())
                .containsExactlyInAnyOrder("application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(simulator.hits()).noneMatch(h -> h.path().endsWith(".jpg"));
    }

    @Test
    void findsEveryReportOfAHanwebColumnThroughItsPageParameter() throws Exception {
        PortalSimulator.Site site = simulator.addSite("hw", 10, StandardCharsets.UTF_8);
        site.template(PortalSimulator.Template.HANWEB);
        for (int i = 0; i < 23; i++) {
            site.publish("测试县部门" + i + "2024年政府信息公开工作年度报告", new Report2021Page(1000 + i).html);
        }

        Crawler.Sweep sweep = crawler.sweep(portal(site, true)).get();

        assertThat(sweep.listPages()).isEqualTo(3);
        assertThat(sink.pages).extracting(p -> p.getUrl()).containsExactlyInAnyOrderElementsOf(site.reportUrls());
        assertThat(site.reportUrls()).allMatch(u -> u.contains("/art/2025/1/20/art_1229_"));
        assertThat(simulator.hits()).noneMatch(h -> h.path().contains("art_1230"));
    }

    private PortalSimulator.Site site(String id, int index, Charset charset, int reports) throws Exception {
        PortalSimulator.Site site = simulator.addSite(id, index, charset);
        for (int i = 0; i < reports; i++) {
            site.publish("测试县部门" + i + "2024年政府信息公开工作年度报告", new Report2021Page(index * 100 + i).html);
        }
        return site;
    }

    private static Portal portal(PortalSimulator.Site site, boolean allowPrivate) {
        return Portal.newBuilder().setId(site.id()).setName("测试县人民政府").setRegion(Region.newBuilder().build())
                .setListPages(List.of(site.columnUrl())).setHostDelayMillis(DELAY.toMillis())
                .setAllowPrivateAddresses(allowPrivate).build();
    }
}
