package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.govwatch.extractor.ExtractorTopology;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.Stack;
import dev.govwatch.stack.StackExtension;
import dev.govwatch.streams.ServiceConfig;
import dev.govwatch.streams.StreamsService;
import dev.govwatch.validator.Deadlines;
import dev.govwatch.validator.ValidatorTopology;
import dev.govwatch.validator.query.QueryServer;
import picocli.CommandLine;

/**
 * Portals in two provinces, through the real broker, registry, extractor and validator: every report
 * and alert is placed where its portal is (the pages' own text names another county), a deadline
 * override for one province applies, {@code govwatch alerts --region} finds that province's alerts,
 * and {@code govwatch metrics} gives rates that match sums worked out from the pages' own figures.
 */
@ExtendWith(StackExtension.class)
class RegionMetricsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Sent(Report2021Page page, int seed, String agency, String published, String province, boolean onTime) {
    }

    @Test
    void reportsAndAlertsArePlacedByTheirPortalAndMetricsRollUp(Stack stack, @TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        // Codes 91…/92… belong to no real province, so other tests' reports on the shared stack never fall in.
        int a = 91 + (int) (Math.random() * 4);
        String provinceA = "甲" + run + "省";
        String provinceB = "乙" + run + "省";
        Region east = region(a + "0101", provinceA, "一" + run + "市", "东" + run + "县");
        Region west = region(a + "0102", provinceA, "一" + run + "市", "西" + run + "县");
        Region north = region((a + 4) + "0101", provinceB, "二" + run + "市", "北" + run + "县");
        String pa = "pa-" + run;
        String pb = "pb-" + run;
        String pc = "pc-" + run;
        try (KafkaProducer<String, SpecificRecord> producer = producer(stack)) {
            producer.send(new ProducerRecord<>(Topics.PORTALS.name(), pa, portal(pa, east)));
            producer.send(new ProducerRecord<>(Topics.PORTALS.name(), pb, portal(pb, west)));
            producer.send(new ProducerRecord<>(Topics.PORTALS.name(), pc, portal(pc, north)));
            producer.flush();
        }
        List<Sent> sent = new ArrayList<>();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ServiceConfig x = config(stack, dir, "rx-" + run, -1);
        ServiceConfig v = config(stack, dir, "rv-" + run, port);
        try (StreamsService extractor = StreamsService.start("extractor", ExtractorTopology.build(x), x, (short) 1, Duration.ofSeconds(90));
             StreamsService validator = StreamsService.start("validator",
                     ValidatorTopology.build(v, Deadlines.withOverrides("DEPARTMENT@" + provinceA + "=01-10")), v, (short) 1,
                     Duration.ofSeconds(90));
             QueryServer query = QueryServer.start(validator.streams(), "127.0.0.1", new HostInfo("127.0.0.1", port));
             KafkaProducer<String, SpecificRecord> producer = producer(stack)) {
            // 01-20 is on time by the national 01-31, late by province A's 01-10.
            sent.add(page(producer, pa, 31, "东" + run + "县教育局", "2025-01-20", provinceA, false));
            sent.add(page(producer, pa, 32, "东" + run + "县人民政府", "2025-03-20", provinceA, true));
            sent.add(page(producer, pb, 33, "西" + run + "县财政局", "2025-01-05", provinceA, true));
            sent.add(page(producer, pc, 34, "北" + run + "县教育局", "2025-01-20", provinceB, true));
            sent.add(page(producer, pc, 35, "北" + run + "县人民政府", "2025-04-02", provinceB, false));
            producer.flush();

            Map<?, ?> nationOfA = awaitReports(port, provinceA, 3);
            assertThat(((Map<?, ?>) nationOfA.get("place")).get("key")).isEqualTo(a + "0000");
            awaitReports(port, provinceB, 2);

            String json = govwatch(0, "metrics", "--api", "http://127.0.0.1:" + port, "--region", String.valueOf(a), "--year", "2024",
                    "--format", "json");
            Map<?, ?> view = JSON.readValue(json, Map.class);
            assertDisclosure(view, sent.subList(0, 3));
            List<?> prefectures = (List<?>) view.get("children");
            assertThat(prefectures).hasSize(1);
            Map<?, ?> prefecture = (Map<?, ?>) prefectures.get(0);
            assertThat(((Map<?, ?>) prefecture.get("place")).get("key")).isEqualTo(a + "0100");
            assertDisclosure(prefecture, sent.subList(0, 3));
            Map<?, ?> eastView = JSON.readValue(govwatch(0, "metrics", "--api", "http://127.0.0.1:" + port, "--region", "东" + run + "县",
                    "--year", "2024", "--format", "json"), Map.class);
            assertDisclosure(eastView, sent.subList(0, 2));
            Map<?, ?> onTime = (Map<?, ?>) ((Map<?, ?>) eastView.get("metrics")).get("onTimeRate");
            assertThat(onTime.get("n")).isEqualTo(2);
            assertThat(((Number) onTime.get("value")).doubleValue()).isCloseTo(0.5, within(1e-12));

            String csv = govwatch(0, "metrics", "--api", "http://127.0.0.1:" + port, "--region", provinceB, "--year", "2024",
                    "--format", "csv");
            assertThat(csv.lines()).hasSize(3).first().asString().startsWith("year,level,place_key");
            String text = govwatch(0, "metrics", "--api", "http://127.0.0.1:" + port, "--region", provinceB, "--year", "2024");
            assertThat(text).contains("实质公开率").contains("二" + run + "市").contains("n=");
            assertThat(govwatch(1, "metrics", "--api", "http://127.0.0.1:" + port, "--region", "丙" + run + "省", "--year", "2024"))
                    .contains("no reports on 2024 in 丙" + run + "省");

            // The department of province A published on 01-20 is LATE by the province's override, and every
            // alert carries its portal's province, so the province filter finds it.
            String late = awaitAlert(stack, provinceA, "东" + run + "县教育局");
            Map<?, ?> alert = JSON.readValue(late, Map.class);
            assertThat(alert.get("category")).isEqualTo("LATE");
            assertThat(((Map<?, ?>) alert.get("region")).get("province")).isEqualTo(provinceA);
            assertThat(((Map<?, ?>) alert.get("region")).get("code")).isEqualTo(a + "0101");
            String lateInB = govwatch(0, "alerts", "--category", "LATE", "--format", "json", "--region", provinceB,
                    "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl());
            assertThat(lateInB).contains("北" + run + "县人民政府").doesNotContain("东" + run + "县教育局");

            // The province's reports exported as Parquet and read back by DuckDB hold the cells
            // govwatch extract --flat reads from the same pages.
            Path parquet = dir.resolve("a.parquet");
            govwatch(0, "export", "--format", "parquet", "--region", provinceA, "--year", "2024", "--out", parquet.toString(),
                    "--no-progress", "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl());
            Map<String, Map<String, Object>> exported = ExportedParquet.rowsByAgency(parquet);
            assertThat(exported).hasSize(3);
            for (Sent s : sent.subList(0, 3)) {
                Path html = dir.resolve(s.seed() + ".html");
                java.nio.file.Files.writeString(html, s.page().as(s.agency(), 2024, s.published()));
                Map<?, ?> flat = JSON.readValue(govwatch(0, "extract", "--flat", html.toString()).strip(), Map.class);
                Map<String, Object> row = exported.get(s.agency());
                assertThat(row).as(s.agency() + " exported").isNotNull();
                assertThat(row.get("province")).isEqualTo(provinceA);
                int compared = 0;
                for (Map.Entry<?, ?> e : flat.entrySet()) {
                    String key = e.getKey().toString();
                    int dot = key.lastIndexOf('.');
                    if (!key.startsWith("apps.") || dot < 0 || !dev.govwatch.schemas.template.ReportTemplate.T3_COLUMNS.contains(key.substring(dot + 1))) {
                        continue;
                    }
                    String column = dev.govwatch.cli.export.ReportColumns.cellColumn("T3", key.substring(0, dot), key.substring(dot + 1));
                    Object value = row.get(column);
                    assertThat(value == null ? null : ((Number) value).doubleValue()).as(column)
                            .isEqualTo(e.getValue() == null ? null : ((Number) e.getValue()).doubleValue());
                    compared++;
                }
                assertThat(compared).isGreaterThanOrEqualTo(7 * 20);
            }
        }
    }

    private static void assertDisclosure(Map<?, ?> view, List<Sent> sent) {
        long decided = 0;
        long granted = 0;
        for (Sent s : sent) {
            for (String key : Report2021Page.T3_KEYS) {
                long total = s.page().t3.get(key)[6];
                decided += total;
                granted += key.equals("apps.granted") || key.equals("apps.partial") ? total : 0;
            }
        }
        assertThat(((Number) view.get("reports")).longValue()).isEqualTo(sent.size());
        Map<?, ?> rate = (Map<?, ?>) ((Map<?, ?>) view.get("metrics")).get("disclosureRate");
        assertThat(((Number) rate.get("n")).longValue()).isEqualTo(decided);
        assertThat(((Number) rate.get("value")).doubleValue()).isCloseTo((double) granted / decided, within(1e-12));
        assertThat(rate.get("ranked")).isEqualTo(decided >= 10);
    }

    private static Map<?, ?> awaitReports(int port, String region, long reports) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/metrics?year=2024&region=" + URLEncoder.encode(region, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                Map<?, ?> view = JSON.readValue(response.body(), Map.class);
                if (((Number) view.get("reports")).longValue() == reports) {
                    return view;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(reports + " reports never reached the metrics of " + region + "; last answer: " + last);
    }

    private static String awaitAlert(Stack stack, String province, String agency) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            String out = govwatch(0, "alerts", "--category", "LATE", "--format", "json", "--region", province,
                    "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl());
            var line = out.lines().filter(l -> l.contains(agency)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no LATE alert for " + agency + " found with --region " + province);
    }

    private static String govwatch(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Govwatch()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        assertThat(exit).as(String.join(" ", args) + ": " + out + err).isEqualTo(expectedExit);
        return out + err.toString();
    }

    private static Sent page(KafkaProducer<String, SpecificRecord> producer, String portal, int seed, String agency, String published,
                             String province, boolean onTime) {
        Report2021Page page = new Report2021Page(seed);
        byte[] body = page.as(agency, 2024, published).getBytes(StandardCharsets.UTF_8);
        String url = "http://" + portal + ".gov.cn/" + seed + ".html";
        FetchedPage fetched = FetchedPage.newBuilder().setUrl(url).setPortalId(portal).setFetchedAt(Instant.now())
                .setHttpStatus(200).setContentType("text/html; charset=UTF-8").setBody(ByteBuffer.wrap(body))
                .setSha256(Integer.toHexString(java.util.Arrays.hashCode(body))).build();
        producer.send(new ProducerRecord<>(Topics.PAGES.name(), url, fetched));
        return new Sent(page, seed, agency, published, province, onTime);
    }

    private static Portal portal(String id, Region region) {
        return Portal.newBuilder().setId(id).setName(id).setRegion(region).setListPages(List.of("http://" + id + ".gov.cn/")).build();
    }

    private static Region region(String code, String province, String prefecture, String county) {
        return Region.newBuilder().setCode(code).setProvince(province).setPrefecture(prefecture).setCounty(county).build();
    }

    private static KafkaProducer<String, SpecificRecord> producer(Stack stack) {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), AvroSerdes.<SpecificRecord>serializer(stack.registry()));
    }

    private static ServiceConfig config(Stack stack, Path dir, String applicationId, int port) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of(ServiceConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                ServiceConfig.REGISTRY_URL, stack.registryUrl(), ServiceConfig.STATE_DIR, dir.resolve(applicationId).toString()));
        if (port > 0) {
            settings.put("kafka.application.server", "127.0.0.1:" + port);
        }
        return ServiceConfig.of(applicationId, settings);
    }
}
