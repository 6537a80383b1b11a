package dev.govwatch.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.govwatch.extractor.ExtractorTopology;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.ReportPlacement;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.Stack;
import dev.govwatch.stack.StackExtension;
import dev.govwatch.streams.ServiceConfig;
import dev.govwatch.streams.StreamsService;

/**
 * Pages → extractor → reports → validator → alerts through the real broker and registry: a page
 * with a wrong total raises its alert, the corrected page resolves it under the same id.
 */
@ExtendWith(StackExtension.class)
class PipelineStackIT {

    @Test
    void aWrongTotalIsAlertedAndItsCorrectionResolvesIt(Stack stack, @TempDir Path stateDir) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String url = "http://it.gov.cn/" + run + "/2024.html";
        // The agency name carries the run id, so that alerts of earlier runs on the same stack do not match.
        Report2021Page page = new Report2021Page(5);
        String good = page.html.replace("测试县人民政府", "测试县" + run + "人民政府");
        long t4Total = page.t4[4];
        String broken = good.replace(t4Row(page.t4, -1), t4Row(page.t4, t4Total + 7));
        assertThat(broken).isNotEqualTo(good);

        try (StreamsService extractor = StreamsService.start("extractor", ExtractorTopology.build(config(stack, stateDir, "x-" + run)),
                config(stack, stateDir, "x-" + run), (short) 1, Duration.ofSeconds(60));
             StreamsService validator = StreamsService.start("validator",
                     ValidatorTopology.build(config(stack, stateDir, "v-" + run), Deadlines.national()),
                     config(stack, stateDir, "v-" + run), (short) 1, Duration.ofSeconds(60))) {
            send(stack, url, broken);
            Alert opened = await(stack, run, "T4_TOTALS", AlertStatus.OPEN);
            assertThat(opened.getMessage()).contains("≠ 总计 " + (t4Total + 7));
            assertThat(opened.getUrl()).isEqualTo(url);

            send(stack, url, good);
            Alert resolved = await(stack, run, "T4_TOTALS", AlertStatus.RESOLVED);
            assertThat(resolved.getId()).isEqualTo(opened.getId());
        }

        // A replay: the validator restarted on its state, the same page sent again. Nothing new is alerted.
        int before = all(stack, run, Duration.ofSeconds(5)).size();
        try (StreamsService extractor = StreamsService.start("extractor", ExtractorTopology.build(config(stack, stateDir, "x-" + run)),
                config(stack, stateDir, "x-" + run), (short) 1, Duration.ofSeconds(60));
             StreamsService validator = StreamsService.start("validator",
                     ValidatorTopology.build(config(stack, stateDir, "v-" + run), Deadlines.national()),
                     config(stack, stateDir, "v-" + run), (short) 1, Duration.ofSeconds(60))) {
            send(stack, url, good);
            assertThat(all(stack, run, Duration.ofSeconds(15))).hasSize(before);
        }
    }

    /**
     * The extractor writes each report to its agency's partition, where the validator takes it
     * without a repartition; a report found on another partition (written before that placement, or
     * by another producer) crosses the repartition. Either way an agency's years meet: here one year
     * of each agency in place and the other elsewhere, in both orders, and each agency's carry-over
     * is compared across the two.
     */
    @Test
    void anAgencysYearsMeetWhicheverPartitionTheirReportsWereWrittenTo(Stack stack, @TempDir Path stateDir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int partitions = Topics.REPORTS.partitions();
        String first = "测试县" + run + "财政局";
        String second = "测试县" + run + "教育局";
        List<ProducerRecord<String, AnnualReport>> records = new ArrayList<>();
        for (String agency : List.of(first, second)) {
            AnnualReport lastYear = TestReports.withYear(TestReports.clean2024(agency, 7), 2023);
            AnnualReport thisYear = TestReports.withCell(TestReports.clean2024(agency, 8), "T3", "apps.carriedIn", "total",
                    new ReportFacts(lastYear).summand("T3", "apps.carriedOut", "total").orElseThrow() + 3);
            int home = ReportPlacement.partitionOf(ReportPlacement.agencyOf(thisYear), partitions);
            int away = (home + 1) % partitions;
            boolean lastYearHome = agency.equals(first);
            records.add(new ProducerRecord<>(Topics.REPORTS.name(), lastYearHome ? home : away, lastYear.getReportKey(), lastYear));
            records.add(new ProducerRecord<>(Topics.REPORTS.name(), lastYearHome ? away : home, thisYear.getReportKey(), thisYear));
        }
        try (StreamsService validator = StreamsService.start("validator",
                ValidatorTopology.build(config(stack, stateDir, "v-" + run), Deadlines.national()),
                config(stack, stateDir, "v-" + run), (short) 1, Duration.ofSeconds(60));
             var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                     AvroSerdes.<AnnualReport>serializer(stack.registry()))) {
            for (ProducerRecord<String, AnnualReport> record : records) {
                producer.send(record).get();
            }
            List<Alert> carryOver = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (carryOver.stream().map(Alert::getAgency).distinct().count() < 2 && System.nanoTime() < deadline) {
                all(stack, run, Duration.ofSeconds(2)).stream()
                        .filter(a -> a.getRule().equals("CARRY_OVER") && a.getStatus() == AlertStatus.OPEN).forEach(carryOver::add);
            }
            assertThat(carryOver).extracting(Alert::getAgency).as("CARRY_OVER of each agency, its two years met")
                    .contains(first, second);
            assertThat(carryOver).allMatch(a -> Integer.valueOf(2024).equals(a.getYear()));
        }
    }

    /** Every alert of this run on the topic, read until {@code quiet} passes without one. */
    private static List<Alert> all(Stack stack, String run, Duration quiet) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Alert> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), AvroSerdes.<Alert>deserializer(stack.registry()))) {
            consumer.subscribe(List.of(Topics.ALERTS.name()));
            long lastSeen = System.nanoTime();
            while (System.nanoTime() - lastSeen < quiet.toNanos()) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().getReportKey() != null && record.value().getReportKey().contains(run)) {
                        seen.add(record.value());
                        lastSeen = System.nanoTime();
                    }
                }
            }
        }
        return seen;
    }

    /** Table 四's data row as Report2021Page prints it, with the 行政复议 total replaced unless {@code total} is -1. */
    private static String t4Row(long[] t4, long total) {
        StringBuilder row = new StringBuilder("<tr>");
        for (int i = 0; i < t4.length; i++) {
            row.append("<td>").append(i == 4 && total >= 0 ? total : t4[i]).append("</td>");
        }
        return row.toString();
    }

    private static ServiceConfig config(Stack stack, Path stateDir, String applicationId) {
        return ServiceConfig.of(applicationId, Map.of(
                ServiceConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                ServiceConfig.REGISTRY_URL, stack.registryUrl(),
                ServiceConfig.APPLICATION_ID, applicationId,
                ServiceConfig.STATE_DIR, stateDir.resolve(applicationId).toString()));
    }

    private static void send(Stack stack, String url, String html) {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        FetchedPage page = FetchedPage.newBuilder().setUrl(url).setPortalId("it").setFetchedAt(Instant.now())
                .setHttpStatus(200).setContentType("text/html; charset=UTF-8").setBody(ByteBuffer.wrap(body))
                .setSha256(Integer.toHexString(html.hashCode())).build();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                AvroSerdes.<FetchedPage>serializer(stack.registry()))) {
            producer.send(new ProducerRecord<>(Topics.PAGES.name(), url, page));
        }
    }

    private static Alert await(Stack stack, String run, String rule, AlertStatus status) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Alert> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), AvroSerdes.<Alert>deserializer(stack.registry()))) {
            consumer.subscribe(List.of(Topics.ALERTS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    Alert alert = record.value();
                    if (alert.getReportKey() != null && alert.getReportKey().contains(run)) {
                        seen.add(alert);
                        if (alert.getRule().equals(rule) && alert.getStatus() == status) {
                            return alert;
                        }
                    }
                }
            }
        }
        throw new AssertionError("no " + status + " " + rule + " alert within 90 s; saw " + seen.stream().map(Alert::getId).toList());
    }
}
