package dev.govwatch.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.BinaryAvroSerde;
import dev.govwatch.schemas.MetricCounts;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.Topics;
import dev.govwatch.streams.ServiceConfig;
import dev.govwatch.validator.metrics.MetricsStore;
import dev.govwatch.validator.metrics.MetricsView;

/**
 * Metrics kept by the validator topology as reports arrive, checked against sums worked out by hand
 * from the generated pages' own figures (not from the extracted reports).
 */
class MetricsTopologyTest {

    private static final Region ZIBO_YIYUAN = region("370323", "山东省", "淄博市", "沂源县");
    private static final Region ZIBO_ZICHUAN = region("370302", "山东省", "淄博市", "淄川区");
    private static final Region SHIJIAZHUANG_ZHENGDING = region("130123", "河北省", "石家庄市", "正定县");

    private TopologyTestDriver driver;
    private TestInputTopic<String, AnnualReport> reports;

    @BeforeEach
    void start(@TempDir Path stateDir) {
        ServiceConfig config = ServiceConfig.of(ValidatorTopology.APPLICATION_ID, Map.of(ServiceConfig.BOOTSTRAP_SERVERS, "unused:9092",
                ServiceConfig.SERDES, "binary", ServiceConfig.STATE_DIR, stateDir.toString(),
                ServiceConfig.PROCESSING_GUARANTEE, "at_least_once"));
        driver = new TopologyTestDriver(ValidatorTopology.build(config, Deadlines.withOverrides("DEPARTMENT@河北省=01-10")),
                config.streamsProperties());
        reports = driver.createInputTopic(Topics.REPORTS.name(), new StringSerializer(),
                new BinaryAvroSerde<>(AnnualReport.class).serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private record Sent(Report2021Page page, Region region, boolean onTime) {
    }

    @Test
    void ratesRollUpFromAgencyToProvinceAndAReplacedVersionCountsOnce() {
        List<Sent> sent = new ArrayList<>();
        sent.add(send(11, "沂源县教育局", ZIBO_YIYUAN, "2025-01-20", true));
        sent.add(send(12, "沂源县人民政府", ZIBO_YIYUAN, "2025-03-30", true));
        sent.add(send(13, "淄川区财政局", ZIBO_ZICHUAN, "2025-02-15", false));
        // 01-20 is within the national 01-31 but not within 河北's 01-10 for departments.
        sent.add(send(14, "正定县教育局", SHIJIAZHUANG_ZHENGDING, "2025-01-20", false));
        // A first version of 正定县人民政府's report, replaced by another with other figures.
        send(15, "正定县人民政府", SHIJIAZHUANG_ZHENGDING, "2025-03-01", true);
        sent.add(send(16, "正定县人民政府", SHIJIAZHUANG_ZHENGDING, "2025-03-01", true));

        List<MetricCounts> rows = rows();
        Map<String, Object> shandong = MetricsView.of(rows, List.of(), 2024, "ALL", "山东").orElseThrow();
        assertRates(shandong, sent.subList(0, 3));
        assertThat(place(shandong)).containsEntry("key", "370000").containsEntry("name", "山东省");
        assertThat(children(shandong)).singleElement().satisfies(zibo -> assertRates(zibo, sent.subList(0, 3)));

        Map<String, Object> zibo = MetricsView.of(rows, List.of(), 2024, "ALL", "3703").orElseThrow();
        assertThat(children(zibo)).extracting(c -> place(c).get("name")).containsExactly("淄川区", "沂源县");
        assertRates(children(zibo).get(1), sent.subList(0, 2));

        Map<String, Object> hebei = MetricsView.of(rows, List.of(), 2024, "ALL", "河北省").orElseThrow();
        assertThat(hebei.get("reports")).isEqualTo(2L);
        assertRates(hebei, sent.subList(3, 5));

        Map<String, Object> nation = MetricsView.of(rows, List.of(), 2024, "ALL", null).orElseThrow();
        assertThat(nation.get("reports")).isEqualTo(5L);
        assertRates(nation, sent);
        assertThat(children(nation)).extracting(c -> place(c).get("key")).containsExactly("130000", "370000");

        Map<String, Object> departments = MetricsView.of(rows(2024, "DEPARTMENT"), List.of(), 2024, "DEPARTMENT", null).orElseThrow();
        assertThat(departments.get("reports")).isEqualTo(3L);
        assertRates(departments, List.of(sent.get(0), sent.get(2), sent.get(3)));
        assertThat(MetricsView.of(rows(2023, "ALL"), List.of(), 2023, "ALL", null)).isEmpty();
    }

    @Test
    void theValidatorCountsReportsCheckedAndAlertsByProvince() {
        send(31, "沂源县教育局", ZIBO_YIYUAN, "2025-01-20", true);
        send(32, "沂源县财政局", ZIBO_YIYUAN, "2025-01-21", true);
        send(33, "正定县教育局", SHIJIAZHUANG_ZHENGDING, "2025-01-20", false);
        assertThat(meter("reports-checked-total", Map.of("province", "370000"))).isEqualTo(2.0);
        assertThat(meter("reports-checked-total", Map.of("province", "130000"))).isEqualTo(1.0);
        // 正定县教育局 is late by 河北's 01-10.
        assertThat(meter("alert-changes-total", Map.of("category", "LATE", "status", "OPEN", "province", "130000"))).isEqualTo(1.0);
        assertThat(driver.metrics().keySet()).noneMatch(m -> m.name().equals("alert-changes-total")
                && "LATE".equals(m.tags().get("category")) && "370000".equals(m.tags().get("province")));
    }

    private double meter(String name, Map<String, String> tags) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().tags().entrySet().containsAll(tags.entrySet()))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    @Test
    void openMissingAlertsCountAgainstPublishingOnTime() {
        send(21, "沂源县教育局", ZIBO_YIYUAN, "2025-01-20", true);
        Map<String, Object> missing = Map.of("category", "MISSING", "year", 2024,
                "region", Map.of("code", "370323", "province", "山东省"));
        Map<String, Object> view = MetricsView.of(rows(), List.of(missing, missing), 2024, "ALL", "沂源县").orElseThrow();
        Map<?, ?> onTime = metric(view, "onTimeRate");
        assertThat(onTime.get("n")).isEqualTo(3L);
        assertThat((Double) onTime.get("value")).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(onTime.get("ranked")).isEqualTo(false);
        assertThat(((Map<?, ?>) view.get("openAlerts")).get("MISSING")).isEqualTo(2L);
    }

    private void assertRates(Map<String, Object> view, List<Sent> sent) {
        long decided = 0;
        long granted = 0;
        long withheld = 0;
        long unable = 0;
        long reviews = 0;
        long reviewsCorrected = 0;
        long suits = 0;
        long suitsCorrected = 0;
        long onTime = 0;
        for (Sent s : sent) {
            for (String key : Report2021Page.T3_KEYS) {
                long total = s.page().t3.get(key)[6];
                decided += total;
                granted += key.equals("apps.granted") || key.equals("apps.partial") ? total : 0;
                withheld += key.startsWith("apps.withheld.") ? total : 0;
                unable += key.startsWith("apps.unable.") ? total : 0;
            }
            long[] t4 = s.page().t4; // three groups of 维持, 纠正, 其他, 尚未审结, 总计
            reviews += t4[4];
            reviewsCorrected += t4[1];
            suits += t4[9] + t4[14];
            suitsCorrected += t4[6] + t4[11];
            onTime += s.onTime() ? 1 : 0;
        }
        assertRate(view, "disclosureRate", granted, decided);
        assertRate(view, "withheldRate", withheld, decided);
        assertRate(view, "unableRate", unable, decided);
        assertRate(view, "reconsiderationCorrectionRate", reviewsCorrected, reviews);
        assertRate(view, "litigationCorrectionRate", suitsCorrected, suits);
        assertRate(view, "onTimeRate", onTime, sent.size());
    }

    private static void assertRate(Map<String, Object> view, String name, long successes, long n) {
        Map<?, ?> rate = metric(view, name);
        assertThat(rate.get("n")).as(name + " n in " + place(view)).isEqualTo(n);
        assertThat((Double) rate.get("value")).as(name + " in " + place(view)).isCloseTo((double) successes / n, within(1e-12));
        assertThat(rate.get("ranked")).as(name + " ranked").isEqualTo(n >= 10);
        assertThat((Double) rate.get("low")).isLessThanOrEqualTo((Double) rate.get("value"));
        assertThat((Double) rate.get("high")).isGreaterThanOrEqualTo((Double) rate.get("value"));
    }

    private Sent send(int seed, String agency, Region region, String published, boolean onTime) {
        Report2021Page page = new Report2021Page(seed);
        AnnualReport report = TestReports.extract(page.as(agency, 2024, published).getBytes(StandardCharsets.UTF_8), "text/html",
                "http://metrics.gov.cn/" + seed + ".html");
        report.setRegion(region);
        reports.pipeInput(report.getReportKey(), report);
        return new Sent(page, region, onTime);
    }

    private List<MetricCounts> rows() {
        return rows(2024, MetricsStore.ALL_LEVELS);
    }

    private List<MetricCounts> rows(int year, String level) {
        KeyValueStore<String, MetricCounts> store = driver.getKeyValueStore(ValidatorStores.METRICS);
        return MetricsStore.rows(store, year, level);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> place(Map<String, Object> view) {
        return (Map<String, Object>) view.get("place");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> children(Map<String, Object> view) {
        return (List<Map<String, Object>>) view.get("children");
    }

    private static Map<?, ?> metric(Map<String, Object> view, String name) {
        return (Map<?, ?>) ((Map<?, ?>) view.get("metrics")).get(name);
    }

    private static Region region(String code, String province, String prefecture, String county) {
        return Region.newBuilder().setCode(code).setProvince(province).setPrefecture(prefecture).setCounty(county).build();
    }
}
