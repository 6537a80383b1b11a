package dev.govwatch.extractor;

import dev.govwatch.samples.Report2021Page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.DeadLetter;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.ReportPlacement;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.Stack;
import dev.govwatch.stack.StackExtension;
import dev.govwatch.streams.ServiceConfig;
import dev.govwatch.streams.StreamsService;

/** Pages through the real broker and registry: reports out, bad pages in the dead-letter topic, exactly once. */
@ExtendWith(StackExtension.class)
class ExtractorStackIT {

    @Test
    void pagesBecomeReportsAndBadPagesDeadLetters(Stack stack, @TempDir Path stateDir) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        FetchedPage report = page(new Report2021Page(11).html, "http://it.gov.cn/" + run + "/2024.html", "text/html");
        FetchedPage list = page("<html><body><a href='x'>通知</a></body></html>", "http://it.gov.cn/" + run + "/index.html", "text/html");
        FetchedPage pdf = page("%PDF-1.4", "http://it.gov.cn/" + run + "/2024.pdf", "application/pdf");
        String poisonKey = "http://it.gov.cn/" + run + "/poison.html";

        ServiceConfig config = ServiceConfig.of(ExtractorTopology.APPLICATION_ID, Map.of(
                ServiceConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                ServiceConfig.REGISTRY_URL, stack.registryUrl(),
                ServiceConfig.APPLICATION_ID, "extractor-it-" + run,
                ServiceConfig.STATE_DIR, stateDir.toString()));
        try (StreamsService extractor = StreamsService.start("extractor", ExtractorTopology.build(config), config,
                (short) 1, Duration.ofSeconds(60))) {
            Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all");
            try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    AvroSerdes.<FetchedPage>serializer(stack.registry()));
                 var raw = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.PAGES.name(), list.getUrl(), list));
                producer.send(new ProducerRecord<>(Topics.PAGES.name(), pdf.getUrl(), pdf));
                raw.send(new ProducerRecord<>(Topics.PAGES.name(), poisonKey, "not avro".getBytes(StandardCharsets.UTF_8)));
                producer.send(new ProducerRecord<>(Topics.PAGES.name(), report.getUrl(), report));
            }

            List<ConsumerRecord<String, SpecificRecord>> reports = read(stack, Topics.REPORTS.name(),
                    r -> ((AnnualReport) r.value()).getSourceUrl().contains(run), 1);
            List<ConsumerRecord<String, SpecificRecord>> dead = read(stack, Topics.DEAD_LETTERS.name(),
                    r -> r.key() != null && r.key().contains(run), 2);

            assertThat(reports).hasSize(1);
            AnnualReport extracted = (AnnualReport) reports.get(0).value();
            assertThat(extracted.getReportYear()).isEqualTo(2024);
            assertThat(extracted.getAgency()).isEqualTo("测试市测试县人民政府");
            assertThat(reports.get(0).key()).isEqualTo(extracted.getReportKey());
            // On its agency's partition, where the validator takes it without a repartition; this key
            // alone would have gone elsewhere, so the placement is the partitioner's doing.
            int partitions = Topics.REPORTS.partitions();
            assertThat(reports.get(0).partition()).isEqualTo(ReportPlacement.partitionOf("测试市测试县人民政府", partitions))
                    .isNotEqualTo(BuiltInPartitioner.partitionForKey(extracted.getReportKey().getBytes(StandardCharsets.UTF_8), partitions));

            assertThat(dead).extracting(r -> ((DeadLetter) r.value()).getStage())
                    .containsExactlyInAnyOrder("extract", "deserialize");
            DeadLetter poison = dead.stream().map(r -> (DeadLetter) r.value())
                    .filter(d -> d.getStage().equals("deserialize")).findFirst().orElseThrow();
            assertThat(poison.getUrl()).isEqualTo(poisonKey);
            assertThat(poison.getSourceTopic()).isEqualTo(Topics.PAGES.name());
            assertThat(poison.getOffset()).isGreaterThanOrEqualTo(0L);
            assertThat(StandardCharsets.UTF_8.decode(poison.getPayload()).toString()).isEqualTo("not avro");
        }
    }

    private static List<ConsumerRecord<String, SpecificRecord>> read(Stack stack, String topic,
            java.util.function.Predicate<ConsumerRecord<String, SpecificRecord>> mine, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, SpecificRecord>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                AvroSerdes.<SpecificRecord>deserializer(stack.registry()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (mine.test(r)) {
                        found.add(r);
                    }
                });
            }
            // A little longer, to catch duplicates.
            consumer.poll(Duration.ofSeconds(2)).forEach(r -> {
                if (mine.test(r)) {
                    found.add(r);
                }
            });
        }
        return found;
    }

    private static FetchedPage page(String body, String url, String contentType) {
        return PageShapes.page(body.getBytes(StandardCharsets.UTF_8), contentType, url);
    }
}
