package dev.govwatch.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.govwatch.samples.PortalSimulator;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.PortalState;
import dev.govwatch.schemas.PortalStatus;
import dev.govwatch.schemas.Region;

/**
 * The portal status the validator judges absences by: sent after every sweep with when it ended,
 * and, across a restart, the state keeps the time it began (before, a restarted crawler announced
 * every portal afresh and the validator's wait for MISSING started over).
 */
class PortalStatusTest {

    @Test
    void everySweepSaysWhenItEndedAndARestartKeepsWhenTheStateBegan() throws Exception {
        Clock first = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
        Clock later = Clock.fixed(Instant.parse("2026-03-01T06:00:00Z"), ZoneOffset.UTC);
        try (PortalSimulator simulator = new PortalSimulator()) {
            PortalSimulator.Site site = simulator.addSite("ps", 41, StandardCharsets.UTF_8);
            site.publish("测试县部门2024年政府信息公开工作年度报告", new Report2021Page(4101).html);
            Portal portal = Portal.newBuilder().setId(site.id()).setName("测试县人民政府").setRegion(Region.newBuilder().build())
                    .setListPages(List.of(site.columnUrl())).setHostDelayMillis(20).setAllowPrivateAddresses(true).build();

            MemorySink sink = new MemorySink();
            try (Crawler crawler = new Crawler(CrawlerSettings.defaults().withDefaultDelay(Duration.ofMillis(20)), sink, first)) {
                crawler.sweep(portal).get();
                crawler.sweep(portal).get();
            }
            assertThat(sink.statuses).hasSize(2).allSatisfy(s -> {
                assertThat(s.getState()).isEqualTo(PortalState.OK);
                assertThat(s.getSweptAt()).isEqualTo(first.instant());
            });
            PortalStatus before = sink.statuses.get(1);

            MemorySink after = new MemorySink();
            try (Crawler restarted = new Crawler(CrawlerSettings.defaults().withDefaultDelay(Duration.ofMillis(20)), after, later)) {
                restarted.resumePortals(List.of(before));
                restarted.sweep(portal).get();
            }
            assertThat(after.statuses).singleElement().satisfies(s -> {
                assertThat(s.getSince()).as("OK since before the restart").isEqualTo(first.instant());
                assertThat(s.getSweptAt()).isEqualTo(later.instant());
            });
        }
    }
}
