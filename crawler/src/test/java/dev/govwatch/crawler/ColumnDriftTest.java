package dev.govwatch.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.govwatch.samples.PortalSimulator;
import dev.govwatch.samples.PortalTree;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.PortalState;
import dev.govwatch.schemas.PortalStatus;
import dev.govwatch.schemas.Region;

/**
 * A column that moves when its portal is redesigned is found again from the home page and followed;
 * one that is gone for good makes the portal DRIFTED (its agencies BLOCKED in the validator, never
 * MISSING) until it is readable again; a portal given by its home page alone is discovered on first sight.
 */
class ColumnDriftTest {

    @Test
    void aMovedColumnIsFoundAgainAndAGoneOneDriftsUntilItIsBack() throws Exception {
        try (PortalSimulator simulator = new PortalSimulator()) {
            PortalSimulator.Site site = simulator.addSite("drift", 80, StandardCharsets.UTF_8);
            PortalTree tree = PortalTree.serve(site, PortalTree.Family.TRS, "示范县", 3, 1);
            MemorySink sink = new MemorySink();
            Crawler watched = new Crawler(CrawlerSettings.defaults().withDefaultDelay(Duration.ofMillis(5)), sink, Clock.systemUTC());
            Portal portal = Portal.newBuilder().setId("drift").setName("示范县人民政府").setRegion(Region.newBuilder().build())
                    .setListPages(tree.columns().stream().map(PortalTree.Column::url).toList()).setHome(tree.home())
                    .setHostDelayMillis(5).setAllowPrivateAddresses(true).build();
            int reports = watched.sweep(portal).get().reportLinks();
            assertThat(last(sink).getState()).isEqualTo(PortalState.OK);

            // The redesign moves the government's column (the tree's first): two sweeps of 404 are not yet a drift …
            String old = portal.getListPages().get(0);
            String movedTo = tree.move("示范县人民政府");
            for (int i = 0; i < ColumnDrift.SWEEPS - 1; i++) {
                watched.sweep(portal).get();
                assertThat(last(sink).getState()).isEqualTo(PortalState.OK);
            }
            // … the third is: the column is found again from the home page, and the portal's columns move there.
            Crawler.Sweep third = watched.sweep(portal).get();
            assertThat(third.moved()).contains(movedTo);
            assertThat(last(sink).getState()).isEqualTo(PortalState.OK);
            assertThat(last(sink).getDetail()).contains("report columns moved").contains(movedTo);
            Crawler.Sweep after = watched.sweep(portal).get();
            assertThat(after.reportLinks()).isEqualTo(reports);
            assertThat(after.failed()).isZero();
            assertThat(last(sink).getColumns()).contains(movedTo).doesNotContain(old);

            // A restarted crawler resumed from the statuses sweeps the moved column at once: no 404s, no discovery.
            int hitsBefore = simulator.hits().size();
            try (Crawler restarted = new Crawler(CrawlerSettings.defaults().withDefaultDelay(Duration.ofMillis(5)), new MemorySink(),
                    Clock.systemUTC())) {
                restarted.resumePortals(sink.statuses);
                Crawler.Sweep resumed = restarted.sweep(portal).get();
                assertThat(resumed.reportLinks()).isEqualTo(reports);
                assertThat(resumed.failed()).isZero();
                List<String> asked = simulator.hits().subList(hitsBefore, simulator.hits().size()).stream()
                        .map(PortalSimulator.Hit::path).toList();
                assertThat(asked).contains(java.net.URI.create(movedTo).getPath())
                        .doesNotContain(java.net.URI.create(old).getPath(), "/index.html");
                // An edited portal file wins over the move the crawler remembers.
                Crawler.Sweep edited = restarted.sweep(Portal.newBuilder(portal).setListPages(List.of(movedTo)).build()).get();
                assertThat(edited.listPages()).isEqualTo(1);
            }

            // A department's column is taken down, with no link left to it: DRIFTED, said with the column.
            String gone = tree.columns().stream().filter(c -> c.level().equals("DEPARTMENT")).findFirst().orElseThrow().url();
            String agency = tree.columns().stream().filter(c -> c.url().equals(gone)).findFirst().orElseThrow().agency();
            tree.remove(agency);
            for (int i = 0; i < ColumnDrift.SWEEPS; i++) {
                watched.sweep(portal).get();
            }
            PortalStatus drifted = last(sink);
            assertThat(drifted.getState()).isEqualTo(PortalState.DRIFTED);
            assertThat(drifted.getDetail()).contains(gone).contains("not found again from " + tree.home());

            // Readable again: OK.
            tree.restore(agency);
            watched.sweep(portal).get();
            assertThat(last(sink).getState()).isEqualTo(PortalState.OK);
            watched.close();
        }
    }

    @Test
    void aPortalGivenByItsHomePageAloneIsDiscoveredOnFirstSight() throws Exception {
        try (PortalSimulator simulator = new PortalSimulator()) {
            PortalSimulator.Site site = simulator.addSite("home-only", 81, StandardCharsets.UTF_8);
            PortalTree tree = PortalTree.serve(site, PortalTree.Family.HANWEB, "乙县", 3, 1);
            MemorySink sink = new MemorySink();
            try (Crawler crawler = new Crawler(CrawlerSettings.defaults().withDefaultDelay(Duration.ofMillis(5)), sink, Clock.systemUTC())) {
                Portal portal = Portal.newBuilder().setId("home-only").setName("乙县人民政府").setRegion(Region.newBuilder().build())
                        .setListPages(List.of()).setHome(tree.home()).setHostDelayMillis(5).setAllowPrivateAddresses(true).build();
                Crawler.Sweep sweep = crawler.sweep(portal).get();
                assertThat(sweep.listPages()).isEqualTo(tree.columns().size());
                assertThat(sweep.reportLinks()).isEqualTo(tree.columns().stream().mapToInt(PortalTree.Column::reports).sum());
                assertThat(sink.pages).hasSize(sweep.reportLinks());
                assertThat(last(sink).getState()).isEqualTo(PortalState.OK);
            }
        }
    }

    private static PortalStatus last(MemorySink sink) {
        return sink.statuses.get(sink.statuses.size() - 1);
    }
}
