package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import dev.govwatch.samples.PortalSimulator;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.Stack;
import dev.govwatch.stack.StackExtension;

/**
 * {@code govwatch crawler} as a user runs it against a cluster: a portal file in, report pages on
 * the pages topic out; run again, it resumes from the crawl-state topic and publishes only what
 * changed; a broken portal file is refused with its line and exit code 1.
 */
@ExtendWith(StackExtension.class)
class CrawlerCommandIT {

    @Test
    void crawlsThePortalFileIntoThePagesTopicAndResumesOnTheNextRun(Stack stack, @TempDir Path dir) throws Exception {
        String id = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        try (PortalSimulator simulator = new PortalSimulator()) {
            PortalSimulator.Site site = simulator.addSite(id, 91, StandardCharsets.UTF_8);
            for (int i = 0; i < 4; i++) {
                site.publish("部门" + i + "2024年政府信息公开工作年度报告", new Report2021Page(700 + i).html);
            }
            Path portals = Files.writeString(dir.resolve("portals.yml"), """
                    portals:
                      - id: %s
                        name: 测试县人民政府
                        listPages: [%s]
                        hostDelayMillis: 50
                        allowPrivateAddresses: true
                    """.formatted(id, site.columnUrl()));

            String first = crawl(stack, portals, id);
            assertThat(first).contains(id + ": 1 list page(s), 4 report link(s), 4 published");

            site.edit(site.reportUrls().get(2), new Report2021Page(799).html);
            String second = crawl(stack, portals, id);
            assertThat(second).contains("4 URL(s) known from earlier runs").contains(id + ": 1 list page(s), 4 report link(s), 1 published, 3 unchanged");

            List<FetchedPage> pages = pages(stack, id);
            assertThat(pages).hasSize(5);
            assertThat(pages.stream().map(FetchedPage::getUrl).distinct()).hasSize(4);
        }
    }

    @Test
    void aBrokenPortalFileIsRefusedWithItsLine(Stack stack, @TempDir Path dir) throws Exception {
        Path portals = Files.writeString(dir.resolve("portals.yml"), """
                portals:
                  - id: x
                    name: 某县
                    listPages: [not a url]
                """);
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Govwatch()).setErr(new PrintWriter(err, true)).setOut(new PrintWriter(new StringWriter()))
                .execute("crawler", "--once", "--portals", portals.toString(),
                        "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl());
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("portals.yml").contains("line 4");
    }

    private static String crawl(Stack stack, Path portals, String group) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Govwatch()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("crawler", "--once", "--portals", portals.toString(), "--group-id", group, "--min-delay-ms", "50",
                        "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl());
        assertThat(exit).as(out + "\n" + err).isZero();
        return out.toString();
    }

    private static List<FetchedPage> pages(Stack stack, String portalId) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<FetchedPage> pages = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), AvroSerdes.<FetchedPage>deserializer(stack.registry()))) {
            consumer.subscribe(List.of(Topics.PAGES.name()));
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(5).toNanos()) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && record.value().getPortalId().equals(portalId)) {
                        pages.add(record.value());
                        quietSince = System.nanoTime();
                    }
                }
            }
        }
        return pages;
    }
}
