package dev.govwatch.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.govwatch.samples.PortalSimulator;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.Region;
import dev.govwatch.stack.Stack;
import dev.govwatch.stack.StackExtension;

/** Two crawler instances split the portals by consumer-group assignment, and one takes over when the other leaves. */
@ExtendWith(StackExtension.class)
class CrawlerGroupIT {

    private static final int PORTALS = 8;

    @Test
    void instancesSplitThePortalsAndTakeOverWhenOneLeaves(Stack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> client = Map.of("bootstrap.servers", stack.bootstrapServers());
        Map<String, Object> group = Map.of("bootstrap.servers", stack.bootstrapServers(), "group.id", "crawlers-" + run,
                "session.timeout.ms", 6000, "heartbeat.interval.ms", 1000);
        CrawlerSettings settings = CrawlerSettings.defaults().withDefaultDelay(Duration.ofMillis(20));
        try (PortalSimulator simulator = new PortalSimulator();
             KafkaCrawlSink sink = new KafkaCrawlSink(client, stack.registry())) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < PORTALS; i++) {
                PortalSimulator.Site site = simulator.addSite(run + "-" + i, 40 + i, StandardCharsets.UTF_8);
                site.publish("2024年政府信息公开工作年度报告", new Report2021Page(700 + i).html);
                Portal portal = Portal.newBuilder().setId(site.id()).setName("县" + i).setRegion(Region.newBuilder().build())
                        .setListPages(List.of(site.columnUrl())).setHostDelayMillis(20).setCrawlIntervalSeconds(3600)
                        .setAllowPrivateAddresses(true).build();
                sink.portal(portal);
                ids.add(portal.getId());
            }
            sink.flush();

            Map<String, Set<String>> swept = new ConcurrentHashMap<>();
            PortalAssignment a = new PortalAssignment(group, stack.registry());
            try (PortalAssignment b = new PortalAssignment(group, stack.registry());
                 Crawler crawlerA = new Crawler(settings, sink, Clock.systemUTC());
                 Crawler crawlerB = new Crawler(settings, sink, Clock.systemUTC())) {
                CrawlLoop loopA = new CrawlLoop(crawlerA, Clock.systemUTC(), s -> swept.computeIfAbsent("a", k -> ConcurrentHashMap.newKeySet()).add(s.portalId()));
                CrawlLoop loopB = new CrawlLoop(crawlerB, Clock.systemUTC(), s -> swept.computeIfAbsent("b", k -> ConcurrentHashMap.newKeySet()).add(s.portalId()));

                // Both join and share the 12 partitions, then read their portals.
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline && !(a.partitions() > 0 && b.partitions() > 0
                        && a.partitions() + b.partitions() == 12 && mine(a, run).size() + mine(b, run).size() == PORTALS)) {
                    a.poll(Duration.ofMillis(200));
                    b.poll(Duration.ofMillis(200));
                }
                Set<String> ownedByA = mine(a, run);
                Set<String> ownedByB = mine(b, run);
                assertThat(a.partitions() + b.partitions()).isEqualTo(12);
                assertThat(ownedByA).doesNotContainAnyElementsOf(ownedByB);
                assertThat(union(ownedByA, ownedByB)).isEqualTo(ids);

                loopA.step(a.portals());
                loopB.step(b.portals());
                loopA.drain();
                loopB.drain();
                assertThat(swept.getOrDefault("a", Set.of())).isEqualTo(ownedByA);
                assertThat(swept.getOrDefault("b", Set.of())).isEqualTo(ownedByB);

                // A leaves: its portals move to B.
                a.close();
                deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline && mine(b, run).size() < PORTALS) {
                    b.poll(Duration.ofMillis(200));
                }
                assertThat(mine(b, run)).isEqualTo(ids);
                loopB.step(b.portals());
                loopB.drain();
                assertThat(swept.get("b")).isEqualTo(ids);
            }
        }
    }

    private static Set<String> mine(PortalAssignment assignment, String run) {
        Set<String> ids = new HashSet<>();
        assignment.portals().forEach(p -> {
            if (p.getId().startsWith(run)) {
                ids.add(p.getId());
            }
        });
        return ids;
    }

    private static Set<String> union(Set<String> x, Set<String> y) {
        Set<String> all = new HashSet<>(x);
        all.addAll(y);
        return all;
    }

}
