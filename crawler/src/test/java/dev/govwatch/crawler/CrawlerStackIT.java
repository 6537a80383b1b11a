package dev.govwatch.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
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

import dev.govwatch.samples.PortalSimulator;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.CrawlState;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.Stack;
import dev.govwatch.stack.StackExtension;

/** Simulated portal → crawler → pages and crawl-state topics; a restarted crawler resumes from the topic. */
@ExtendWith(StackExtension.class)
class CrawlerStackIT {

    @Test
    void pagesArePublishedOnceAndARestartResumesFromTheCrawlStateTopic(Stack stack) throws Exception {
        Map<String, Object> client = Map.of("bootstrap.servers", stack.bootstrapServers());
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (PortalSimulator simulator = new PortalSimulator()) {
            PortalSimulator.Site site = simulator.addSite("it-" + run, 20, StandardCharsets.UTF_8);
            for (int i = 0; i < 12; i++) {
                site.publish("部门" + i + "2024年政府信息公开工作年度报告", new Report2021Page(500 + i).html);
            }
            Portal portal = Portal.newBuilder().setId("it-" + run).setName("测试县人民政府").setRegion(Region.newBuilder().build())
                    .setListPages(List.of(site.columnUrl())).setHostDelayMillis(50).setAllowPrivateAddresses(true).build();
            CrawlerSettings settings = CrawlerSettings.defaults().withDefaultDelay(Duration.ofMillis(50));

            try (KafkaCrawlSink sink = new KafkaCrawlSink(client, stack.registry());
                 Crawler crawler = new Crawler(settings, sink, Clock.systemUTC())) {
                assertThat(crawler.sweep(portal).get().published()).isEqualTo(12);
                sink.flush();
            }

            List<CrawlState> known = CrawlStateLoader.load(Map.of("bootstrap.servers", stack.bootstrapServers(),
                    "group.id", "it-" + run), stack.registry(), Duration.ofSeconds(30));
            assertThat(known).filteredOn(s -> s.getPortalId().equals("it-" + run)).hasSize(12);

            site.edit(site.reportUrls().get(0), new Report2021Page(999).html);
            try (KafkaCrawlSink sink = new KafkaCrawlSink(client, stack.registry());
                 Crawler restarted = new Crawler(settings, sink, Clock.systemUTC())) {
                // As the service restarts: the topic's partitions read side by side straight into the crawler.
                int urls = CrawlStateLoader.resume(restarted, Map.of("bootstrap.servers", stack.bootstrapServers(),
                        "group.id", "it-resume-" + run), stack.registry(), Duration.ofSeconds(30));
                assertThat(urls).isEqualTo(known.size());
                Crawler.Sweep sweep = restarted.sweep(portal).get();
                assertThat(sweep.published()).isEqualTo(1);
                assertThat(sweep.notModified()).isEqualTo(11);
                sink.flush();
            }

            List<FetchedPage> pages = pages(stack, "it-" + run);
            assertThat(pages).hasSize(13);
            assertThat(pages.stream().map(FetchedPage::getUrl).distinct()).hasSize(12);
        }
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
