package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.govwatch.samples.PortalSimulator;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.Stack;
import dev.govwatch.stack.StackExtension;

/**
 * {@code govwatch crawler} in its own JVM, killed with SIGKILL in the middle of a sweep and started
 * again: every report page is on the pages topic exactly once (read_committed, as the extractor
 * reads it), none lost, none published twice.
 */
@ExtendWith(StackExtension.class)
class CrawlerKillIT {

    private static final int REPORTS = 60;

    @Test
    void aCrawlerKilledMidSweepResumesWithoutLosingOrRepeatingAPage(Stack stack, @TempDir Path dir) throws Exception {
        String id = "kill-" + UUID.randomUUID().toString().substring(0, 6);
        try (PortalSimulator simulator = new PortalSimulator()) {
            PortalSimulator.Site site = simulator.addSite(id, 93, StandardCharsets.UTF_8);
            for (int i = 0; i < REPORTS; i++) {
                site.publish("部门" + i + "2024年政府信息公开工作年度报告", new Report2021Page(800 + i).html);
            }
            Path portals = Files.writeString(dir.resolve("portals.yml"), """
                    portals:
                      - id: %s
                        name: 测试县人民政府
                        listPages: [%s]
                        hostDelayMillis: 100
                        allowPrivateAddresses: true
                    """.formatted(id, site.columnUrl()));

            Process first = crawler(stack, portals, id, dir.resolve("first.log"));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (pages(stack, id).values().stream().mapToInt(Integer::intValue).sum() < REPORTS / 4 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            int atKill = pages(stack, id).size();
            assertThat(atKill).as("killed mid-sweep").isBetween(1, REPORTS - 1);

            Process second = crawler(stack, portals, id, dir.resolve("second.log"));
            try {
                deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (pages(stack, id).size() < REPORTS && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                Thread.sleep(3000);
            } finally {
                second.destroy();
                second.waitFor(60, TimeUnit.SECONDS);
            }
            Map<String, Integer> published = pages(stack, id);
            assertThat(published).as(Files.readString(dir.resolve("second.log"))).hasSize(REPORTS)
                    .allSatisfy((url, n) -> assertThat(n).as(url).isEqualTo(1));
            System.out.printf("crawler killed after %d of %d pages; after the restart %d pages, each once%n", atKill, REPORTS,
                    published.size());
        }
    }

    private static Process crawler(Stack stack, Path portals, String group, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx384m", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.govwatch.schemas",
                "-cp", System.getProperty("java.class.path"), Govwatch.class.getName(), "crawler", "--portals", portals.toString(),
                "--group-id", group, "--min-delay-ms", "100",
                "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
    /** URL → how many times it is on the pages topic, for this portal, as read_committed consumers see it. */
    private static Map<String, Integer> pages(Stack stack, String portalId) {
        Map<String, Integer> counts = new HashMap<>();
        for (Object value : CommittedRecords.read(stack.bootstrapServers(), stack.registry(), Topics.PAGES.name())) {
            if (value instanceof FetchedPage p && portalId.equals(p.getPortalId())) {
                counts.merge(p.getUrl(), 1, Integer::sum);
            }
        }
        return counts;
    }

}
