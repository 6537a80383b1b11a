package dev.govwatch.extractor;

import dev.govwatch.samples.Report2021Page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.BinaryAvroSerde;
import dev.govwatch.schemas.DeadLetter;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.Topics;
import dev.govwatch.streams.ServiceConfig;

/** The extractor topology on TopologyTestDriver, with registry-free serdes. */
class ExtractorTopologyTest {

    private TopologyTestDriver driver;
    private TestInputTopic<String, FetchedPage> pages;
    private TestInputTopic<String, byte[]> rawPages;
    private TestOutputTopic<String, AnnualReport> reports;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void start(@TempDir Path stateDir) {
        ServiceConfig config = ServiceConfig.of(ExtractorTopology.APPLICATION_ID, Map.of(ServiceConfig.BOOTSTRAP_SERVERS, "unused:9092",
                ServiceConfig.SERDES, "binary", ServiceConfig.STATE_DIR, stateDir.toString(),
                // The driver drops handler dead letters under exactly-once; the stack ITs run exactly-once.
                ServiceConfig.PROCESSING_GUARANTEE, "at_least_once"));
        Properties props = config.streamsProperties();
        driver = new TopologyTestDriver(ExtractorTopology.build(config), props);
        pages = driver.createInputTopic(Topics.PAGES.name(), new StringSerializer(),
                new BinaryAvroSerde<>(FetchedPage.class).serializer());
        rawPages = driver.createInputTopic(Topics.PAGES.name(), new StringSerializer(), new ByteArraySerializer());
        reports = driver.createOutputTopic(Topics.REPORTS.name(), new StringDeserializer(),
                new BinaryAvroSerde<>(AnnualReport.class).deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new StringDeserializer(),
                new BinaryAvroSerde<>(DeadLetter.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aReportPageBecomesAReportKeyedByAgencyAndYear() {
        FetchedPage page = page(new Report2021Page(7).html, "http://test.gov.cn/2024.html");
        pages.pipeInput(page.getUrl(), page);

        List<TestRecord<String, AnnualReport>> out = reports.readRecordsToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo("测试市测试县人民政府|2024");
        assertThat(out.get(0).value().getSourceUrl()).isEqualTo(page.getUrl());
        assertThat(out.get(0).value().getExtractorVersion()).isEqualTo(ReportExtractor.VERSION);
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(counter("reports-extracted-total")).isEqualTo(1.0);
    }

    @Test
    void theReportIsPlacedWhereItsPortalIsAndADisagreeingTextIsAWarning() {
        TestInputTopic<String, Portal> portals = driver.createInputTopic(Topics.PORTALS.name(), new StringSerializer(),
                new BinaryAvroSerde<>(Portal.class).serializer());
        Region shandong = Region.newBuilder().setCode("370323").setProvince("山东省").setPrefecture("淄博市").build();
        portals.pipeInput("yy", Portal.newBuilder().setId("yy").setName("沂源县人民政府").setRegion(shandong)
                .setListPages(List.of("http://test.gov.cn/")).build());
        FetchedPage onPortal = page(new Report2021Page(7).html, "http://test.gov.cn/2024.html");
        onPortal.setPortalId("yy");
        FetchedPage elsewhere = page(new Report2021Page(7).html, "http://other.gov.cn/2024.html");
        elsewhere.setPortalId("not-in-the-table");
        pages.pipeInput(onPortal.getUrl(), onPortal);
        pages.pipeInput(elsewhere.getUrl(), elsewhere);

        List<AnnualReport> out = reports.readValuesToList();
        assertThat(out).hasSize(2);
        Region text = out.get(1).getRegion();
        Region placed = out.get(0).getRegion();
        // The portal gives code, province and prefecture; the county it leaves blank comes from the text.
        assertThat(placed.getCode()).isEqualTo("370323");
        assertThat(placed.getProvince()).isEqualTo("山东省");
        assertThat(placed.getPrefecture()).isEqualTo("淄博市");
        assertThat(placed.getCounty()).isEqualTo(text.getCounty()).isNotNull();
        assertThat(text.getCode()).isNotEqualTo("370323");
        assertThat(out.get(0).getWarnings()).anyMatch(w -> w.contains("门户登记为 370323") && w.contains(text.getCode()));
        assertThat(out.get(1).getWarnings()).noneMatch(w -> w.contains("门户登记"));
    }

    @Test
    void aListPageIsCountedAndSkipped() {
        FetchedPage list = page("<html><body><ul><li><a href='a.html'>关于开展安全生产检查的通知</a></li></ul></body></html>",
                "http://test.gov.cn/zfxxgknb/index.html");
        pages.pipeInput(list.getUrl(), list);

        assertThat(reports.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(counter("pages-skipped-total")).isEqualTo(1.0);
    }

    @Test
    void aReportPageThatCannotBeReadIsDeadLetteredWithItsSourceAndTheStreamGoesOn() {
        FetchedPage pdf = PageShapes.page("%PDF-1.7 not really".getBytes(StandardCharsets.US_ASCII), "application/pdf",
                "http://test.gov.cn/2024.pdf");
        FetchedPage good = page(new Report2021Page(8).html, "http://test.gov.cn/2024.html");
        pages.pipeInput(pdf.getUrl(), pdf);
        pages.pipeInput(good.getUrl(), good);

        List<TestRecord<String, DeadLetter>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(1);
        DeadLetter letter = dead.get(0).value();
        assertThat(dead.get(0).key()).isEqualTo(pdf.getUrl());
        assertThat(letter.getUrl()).isEqualTo(pdf.getUrl());
        assertThat(letter.getSourceTopic()).isEqualTo(Topics.PAGES.name());
        assertThat(letter.getOffset()).isEqualTo(0L);
        assertThat(letter.getStage()).isEqualTo("extract");
        assertThat(letter.getError()).contains("PDF");
        assertThat(reports.readRecordsToList()).hasSize(1);
        assertThat(counter("pages-dead-lettered-total")).isEqualTo(1.0);
    }

    @Test
    void aRecordThatIsNotAFetchedPageIsDeadLetteredByTheDeserializationHandler() {
        rawPages.pipeInput("http://test.gov.cn/poison.html", new byte[] {(byte) 0xFF, 1, 2, 3});
        FetchedPage good = page(new Report2021Page(9).html, "http://test.gov.cn/2024.html");
        pages.pipeInput(good.getUrl(), good);

        List<TestRecord<String, DeadLetter>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value().getStage()).isEqualTo("deserialize");
        assertThat(dead.get(0).value().getUrl()).isEqualTo("http://test.gov.cn/poison.html");
        assertThat(dead.get(0).value().getPayload().array()).containsExactly((byte) 0xFF, 1, 2, 3);
        assertThat(reports.readRecordsToList()).hasSize(1);
    }

    @Test
    void aTombstoneForADeletedPageProducesNothing() {
        pages.pipeInput("http://test.gov.cn/gone.html", (FetchedPage) null);

        assertThat(reports.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    private double counter(String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals(ExtractProcessor.METRIC_GROUP))
                .map(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + name + " in " + names()));
    }

    private List<String> names() {
        return driver.metrics().keySet().stream().map(MetricName::name).toList();
    }

    private static FetchedPage page(String html, String url) {
        return PageShapes.page(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8", url);
    }
}
