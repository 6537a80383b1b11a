package dev.govwatch.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.govwatch.samples.PortalSimulator;
import dev.govwatch.samples.PortalTree;

/**
 * Discovery on whole simulated portals of each CMS family: every report column is found — the
 * government's, each department's (their directory paginated) and each town's — with the body it
 * belongs to, and nothing else (not the 通知公告 column, not a department without a 年报 column).
 */
class PortalDiscoveryTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(PortalTree.Family.class)
    void everyReportColumnIsFoundWithItsBodyAndNothingElse(PortalTree.Family family) throws Exception {
        try (PortalSimulator simulator = new PortalSimulator();
             Crawler crawler = new Crawler(CrawlerSettings.defaults().withDefaultDelay(Duration.ofMillis(5)), new MemorySink(),
                     Clock.systemUTC())) {
            PortalSimulator.Site site = simulator.addSite("d-" + family, 60 + family.ordinal(), StandardCharsets.UTF_8);
            PortalTree tree = PortalTree.serve(site, family, "示范县", 9, 3);

            PortalDiscovery.Found found = new PortalDiscovery(crawler, 6, 500).discover(tree.home(), 5, true);

            Map<String, String> expected = tree.columns().stream()
                    .collect(Collectors.toMap(PortalTree.Column::url, c -> c.agency() + " " + c.level()));
            Map<String, String> discovered = found.columns().stream()
                    .collect(Collectors.toMap(PortalDiscovery.Column::url, c -> c.agency() + " " + c.level()));
            assertThat(discovered).as("%s: %s", family, found.problems()).isEqualTo(expected);
            assertThat(found.name()).isEqualTo("示范县人民政府");
            // 1 government + 6 of 9 departments (every third has no 年报 column) + 3 towns
            assertThat(found.columns()).hasSize(10);
            assertThat(found.columns()).allSatisfy(c -> assertThat(c.reports()).isPositive());
            assertThat(found.columns()).filteredOn(c -> c.agency().equals("示范县人民政府")).singleElement()
                    .satisfies(c -> assertThat(c.trail()).containsExactly("首页", "政府信息公开", "政府信息公开年报"));
            // Nothing off the site is fetched.
            assertThat(simulator.hits()).allSatisfy(h -> assertThat(h.host()).isEqualTo(site.host()));
            System.out.printf("discovery %s: %d columns in %d pages read%n", family, found.columns().size(), found.pagesRead());
        }
    }
}
