package dev.govwatch.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.govwatch.samples.PortalSimulator;
import dev.govwatch.samples.PortalSimulator.Response;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.CrawlState;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.UrlStatus;

/**
 * Servers that misbehave: compressed and oversized bodies, trickling answers, byte order marks,
 * redirect loops, a huge robots.txt, and reports only a sitemap names.
 */
class CrawlerHazardsTest {

    private static final Duration DELAY = Duration.ofMillis(50);
    private static final int CAP = 1024 * 1024;

    private PortalSimulator simulator;
    private MemorySink sink;
    private Crawler crawler;

    @BeforeEach
    void start() {
        simulator = new PortalSimulator();
        sink = new MemorySink();
        crawler = new Crawler(CrawlerSettings.defaults().withDefaultDelay(DELAY).withMaxBodyBytes(CAP)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2)), sink, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        crawler.close();
        simulator.close();
    }

    @Test
    void gzipEncodedPagesArePublishedDecoded() throws Exception {
        PortalSimulator.Site site = site("z", 20, 2);
        site.gzip(true);

        crawler.sweep(portal(site)).get();

        assertThat(sink.pages).hasSize(2).allSatisfy(p ->
                assertThat(StandardCharsets.UTF_8.decode(p.getBody().duplicate()).toString()).contains("政府信息公开工作年度报告"));
    }

    @Test
    void aGzipBombIsAbandonedAtTheCapAndNothingIsPublished() throws Exception {
        PortalSimulator.Site site = site("b", 21, 1);
        String bomb = site.reportUrls().get(0);
        site.serve(bomb.substring(site.baseUrl().length()), Response.gzipBomb(200L * 1024 * 1024));

        crawler.sweep(portal(site)).get();

        assertThat(sink.pages).isEmpty();
        assertThat(lastState(bomb)).satisfies(s -> {
            assertThat(s.getStatus()).isEqualTo(UrlStatus.ERROR);
            assertThat(s.getLastError()).contains("exceeds the cap of " + CAP).contains("gzip");
        });
    }

    @Test
    void anOversizedPlainBodyIsRefused() throws Exception {
        PortalSimulator.Site site = site("o", 22, 1);
        String big = site.reportUrls().get(0);
        site.serve(big.substring(site.baseUrl().length()), Response.of(200, "text/html", new byte[CAP + 1]));

        crawler.sweep(portal(site)).get();

        assertThat(sink.pages).isEmpty();
        assertThat(lastState(big).getLastError()).contains("over the cap of " + CAP);
    }

    @Test
    void aBodyManyConnectionBuffersLongAndALongHeaderArriveWhole() throws Exception {
        PortalSimulator.Site site = site("w", 28, 1);
        String large = site.reportUrls().get(0);
        byte[] report = new Report2021Page(2).html.getBytes(StandardCharsets.UTF_8);
        // ~75 connection buffers of body, different bytes throughout, so a lost or repeated read shows.
        byte[] body = new byte[Fetcher.CONNECTION_BUFFER_BYTES * 75 + 123];
        for (int i = 0; i < body.length; i++) {
            body[i] = i < report.length ? report[i] : (byte) ('a' + (i * 31 + i / 7919) % 26);
        }
        // A header line near the longest allowed, so that it and the next ones straddle buffer reads.
        String padding = "x".repeat(Fetcher.MAX_HEADER_LINE - 200);
        site.serve(large.substring(site.baseUrl().length()), new Response(200,
                Map.of("Content-Type", "text/html; charset=UTF-8", "X-Padding", padding, "ETag", "\"after-the-long-header\""), body, 0));

        crawler.sweep(portal(site)).get();

        assertThat(sink.pages).hasSize(1);
        ByteBuffer published = sink.pages.get(0).getBody().duplicate();
        byte[] got = new byte[published.remaining()];
        published.get(got);
        assertThat(got).isEqualTo(body);
        assertThat(lastState(large).getEtag()).isEqualTo("\"after-the-long-header\"");
    }

    @Test
    void aHeaderLineOverTheLimitFailsTheFetchWithItsReason() throws Exception {
        PortalSimulator.Site site = site("h", 29, 1);
        String url = site.reportUrls().get(0);
        site.serve(url.substring(site.baseUrl().length()), new Response(200,
                Map.of("Content-Type", "text/html", "X-Padding", "x".repeat(Fetcher.MAX_HEADER_LINE + 1)), new byte[100], 0));

        crawler.sweep(portal(site)).get();

        assertThat(sink.pages).isEmpty();
        assertThat(lastState(url).getLastError()).contains("line length");
    }

    @Test
    void aServerTricklingBytesIsCutOffByTheTotalTimeout() throws Exception {
        PortalSimulator.Site site = site("t", 23, 1);
        String slow = site.reportUrls().get(0);
        site.serve(slow.substring(site.baseUrl().length()), Response.of(200, "text/html", new byte[200]).trickled(100));

        long start = System.nanoTime();
        crawler.sweep(portal(site)).get();
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertThat(sink.pages).isEmpty();
        assertThat(lastState(slow).getLastError()).contains("longer than 2000 ms");
        // 3 attempts of at most 2 s each plus backoff; the trickle alone would take 20 s per attempt.
        assertThat(ms).isLessThan(15_000);
    }

    @Test
    void aRedirectLoopIsRefused() throws Exception {
        PortalSimulator.Site site = site("r", 24, 0);
        String a = "/zfxxgk/zfxxgknb/202501/a.html";
        String b = "/zfxxgk/zfxxgknb/202501/b.html";
        site.serve(a, Response.redirect(302, b));
        site.serve(b, Response.redirect(301, site.baseUrl() + a));
        site.serve("/zfxxgk/zfxxgknb/index.html", Response.of(200, "text/html; charset=UTF-8",
                ("<a href=\"202501/a.html\">2024年度报告</a>").getBytes(StandardCharsets.UTF_8)));

        crawler.sweep(portal(site)).get();

        assertThat(lastState(site.baseUrl() + a).getLastError()).startsWith("redirect loop");
        assertThat(simulator.hits()).filteredOn(h -> h.path().equals(a)).hasSize(1);
    }

    @Test
    void aByteOrderMarkOutranksAWrongHeaderCharset() throws Exception {
        PortalSimulator.Site site = site("m", 25, 0);
        byte[] list = ("\uFEFF<html><body><a href=\"202501/x.html\">某县2024年度报告</a></body></html>").getBytes(StandardCharsets.UTF_8);
        site.serve("/zfxxgk/zfxxgknb/index.html", Response.of(200, "text/html; charset=GBK", list));
        site.serve("/zfxxgk/zfxxgknb/202501/x.html", Response.of(200, "text/html", new Report2021Page(1).html.getBytes(StandardCharsets.UTF_8)));

        Crawler.Sweep sweep = crawler.sweep(portal(site)).get();

        // Read as GBK the anchor text would be mojibake and the link would not look like a report.
        assertThat(sweep.reportLinks()).isEqualTo(1);
        assertThat(sink.pages).hasSize(1);
    }

    @Test
    void aReportPagesArticleImagesTravelWithItButNotThePortalsChrome() throws Exception {
        PortalSimulator.Site site = site("i", 27, 0);
        String page = "<html><body><div class=\"header\"><img src=\"/images/logo.png\"></div>"
                + "<div class=\"TRS_Editor\"><p>某县2024年政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p>"
                + "<p><img src=\"t3.png\" width=\"600\"></p><p><img src=\"icon_print.gif\"></p>"
                + "<p><img src=\"missing.png\"></p><p><img src=\"tiny.png\" width=\"16\"></p></div></body></html>";
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
        site.serve("/zfxxgk/zfxxgknb/index.html", Response.of(200, "text/html; charset=UTF-8",
                ("<a href=\"202501/x.html\">某县2024年度报告</a>").getBytes(StandardCharsets.UTF_8)));
        site.serve("/zfxxgk/zfxxgknb/202501/x.html", Response.of(200, "text/html; charset=UTF-8", page.getBytes(StandardCharsets.UTF_8)));
        site.serve("/zfxxgk/zfxxgknb/202501/t3.png", Response.of(200, "image/png", png));
        site.serve("/images/logo.png", Response.of(200, "image/png", png));
        site.serve("/zfxxgk/zfxxgknb/202501/missing.png", Response.of(404, "text/html", new byte[0]));

        crawler.sweep(portal(site)).get();

        assertThat(sink.pages).as("states %s", sink.states).hasSize(1);
        assertThat(sink.pages.get(0).getImages()).singleElement().satisfies(image -> {
            assertThat(image.getUrl()).isEqualTo(site.baseUrl() + "/zfxxgk/zfxxgknb/202501/t3.png");
            assertThat(image.getContentType()).isEqualTo("image/png");
            assertThat(image.getBody().remaining()).isEqualTo(png.length);
        });
        // the logo, the print icon and the 16-pixel image were never asked for; the missing one was, once
        assertThat(simulator.hits()).noneMatch(h -> h.path().endsWith("logo.png") || h.path().endsWith(".gif")
                || h.path().endsWith("tiny.png"));
        assertThat(simulator.hits()).filteredOn(h -> h.path().endsWith("missing.png")).hasSize(1);
    }

    @Test
    void aHugeRobotsTxtIsReadOnlyUpToItsLimit() throws Exception {
        PortalSimulator.Site site = site("h", 26, 1);
        StringBuilder robots = new StringBuilder("User-agent: *\nDisallow: /zfxxgk/zfxxgknb/202501/\n");
        while (robots.length() < Crawler.ROBOTS_LIMIT + 100_000) {
            robots.append("# padding padding padding padding padding padding padding padding\n");
        }
        robots.append("User-agent: govwatch\nAllow: /\n");
        site.serve("/robots.txt", Response.of(200, "text/plain", robots.toString().getBytes(StandardCharsets.UTF_8)));

        Crawler.Sweep sweep = crawler.sweep(portal(site)).get();

        // The Allow past the limit is never seen, so the Disallow holds.
        assertThat(sweep.disallowed()).isEqualTo(1);
        assertThat(sink.pages).isEmpty();
    }

    @Test
    void reportsOnlyTheSitemapNamesAreFound() throws Exception {
        PortalSimulator.Site site = site("s", 27, 2);
        String hidden = site.publishUnlisted("某局2024年政府信息公开工作年度报告", new Report2021Page(77).html);
        site.sitemap(true);

        Crawler.Sweep sweep = crawler.sweep(portal(site)).get();

        assertThat(sweep.reportLinks()).isEqualTo(3);
        assertThat(sink.pages).extracting(p -> p.getUrl()).contains(hidden).hasSize(3);
        // The sitemap also names the list page and a notice outside the column: neither is taken for a report.
        assertThat(simulator.hits()).noneMatch(h -> h.path().contains("/tzgg/"));
        assertThat(simulator.hits()).filteredOn(h -> h.path().endsWith("index.html")).hasSize(1);
    }

    private CrawlState lastState(String url) {
        List<CrawlState> states = sink.states.stream().filter(s -> s.getUrl().equals(url)).toList();
        assertThat(states).as("crawl state of " + url).isNotEmpty();
        return states.get(states.size() - 1);
    }

    private PortalSimulator.Site site(String id, int index, int reports) throws Exception {
        PortalSimulator.Site site = simulator.addSite(id, index, StandardCharsets.UTF_8);
        for (int i = 0; i < reports; i++) {
            site.publish("测试县部门" + i + "2024年政府信息公开工作年度报告", new Report2021Page(index * 100 + i).html);
        }
        return site;
    }

    private static Portal portal(PortalSimulator.Site site) {
        return SimulatedPortal.of(site, DELAY.toMillis()).build();
    }

}
