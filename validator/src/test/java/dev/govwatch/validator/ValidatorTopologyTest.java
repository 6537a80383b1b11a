package dev.govwatch.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.ReportKey;
import dev.govwatch.schemas.ReportPlacement;
import org.apache.kafka.streams.state.KeyValueStore;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.BinaryAvroSerde;
import dev.govwatch.schemas.Topics;
import dev.govwatch.streams.ServiceConfig;

/** The validator topology on TopologyTestDriver: alerts open, resolve under the same id, and are never duplicated. */
class ValidatorTopologyTest {

    private TopologyTestDriver driver;
    private TestInputTopic<String, AnnualReport> reports;
    private TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void start(@TempDir Path stateDir) {
        ServiceConfig config = ServiceConfig.of(ValidatorTopology.APPLICATION_ID, Map.of(ServiceConfig.BOOTSTRAP_SERVERS, "unused:9092",
                ServiceConfig.SERDES, "binary", ServiceConfig.STATE_DIR, stateDir.toString(),
                // The driver drops handler dead letters under exactly-once; the stack ITs run exactly-once.
                ServiceConfig.PROCESSING_GUARANTEE, "at_least_once"));
        Properties props = config.streamsProperties();
        driver = new TopologyTestDriver(ValidatorTopology.build(config, Deadlines.national()), props);
        reports = driver.createInputTopic(Topics.REPORTS.name(), new StringSerializer(),
                new BinaryAvroSerde<>(AnnualReport.class).serializer());
        alerts = driver.createOutputTopic(Topics.ALERTS.name(), new StringDeserializer(),
                new BinaryAvroSerde<>(Alert.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aCorrectedVersionResolvesTheAlertUnderTheSameId() {
        AnnualReport clean = TestReports.clean2024(1);
        AnnualReport broken = TestReports.withCell(clean, "T4", "review.reconsideration", "total", 77);
        AnnualReport corrected = TestReports.withCell(clean, "T4", "review.reconsideration", "upheld",
                new ReportFacts(clean).summand("T4", "review.reconsideration", "upheld").orElseThrow());

        send(broken);
        Alert opened = single(alerts.readValuesToList(), "T4_TOTALS");
        assertThat(opened.getStatus()).isEqualTo(AlertStatus.OPEN);

        send(corrected);
        List<Alert> afterCorrection = alerts.readValuesToList();
        Alert resolved = single(afterCorrection, "T4_TOTALS");
        assertThat(resolved.getId()).isEqualTo(opened.getId());
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(afterCorrection).extracting(Alert::getRule).contains("CHANGED");
    }

    @Test
    void theSameReportAgainSendsNothing() {
        AnnualReport broken = TestReports.withCell(TestReports.clean2024(2), "T3", "apps.new", "total", 0);
        send(broken);
        assertThat(alerts.readValuesToList()).isNotEmpty();

        send(broken);
        assertThat(alerts.readValuesToList()).isEmpty();
    }

    @Test
    void aLateArrivingEarlierYearRechecksTheFollowingYearsCarryOver() {
        AnnualReport lastYear = TestReports.withYear(TestReports.clean2024(2), 2023);
        double out = new ReportFacts(lastYear).summand("T3", "apps.carriedOut", "total").orElseThrow();
        AnnualReport thisYear = TestReports.withCell(TestReports.clean2024(1), "T3", "apps.carriedIn", "total", out + 3);

        send(thisYear);
        assertThat(alerts.readValuesToList()).noneMatch(a -> a.getRule().equals("CARRY_OVER"));

        send(lastYear);
        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).filteredOn(a -> a.getRule().equals("CARRY_OVER"))
                .anyMatch(a -> a.getReportKey().equals(thisYear.getReportKey()) && a.getId().endsWith("|total")
                        && a.getStatus() == AlertStatus.OPEN);
    }

    /**
     * The driver reads every input on partition 0: a report whose agency's partition is 0 is in place
     * and goes straight to validation, any other crosses the repartition topic — and both are
     * validated, every year of an agency meeting its others whichever way each came.
     */
    @Test
    void aReportInPlaceSkipsTheRepartitionAndOneElsewhereCrossesIt() {
        String repartition = ValidatorTopology.reportsRepartitionTopic(ValidatorTopology.APPLICATION_ID);
        String inPlace = agencyOnPartition(0, true);
        String elsewhere = agencyOnPartition(0, false);
        AnnualReport lastYear = TestReports.withYear(TestReports.clean2024(inPlace, 5), 2023);
        double out = new ReportFacts(lastYear).summand("T3", "apps.carriedOut", "total").orElseThrow();

        send(lastYear);
        assertThat(driver.producedTopicNames()).doesNotContain(repartition);
        send(TestReports.withCell(TestReports.clean2024(inPlace, 6), "T3", "apps.carriedIn", "total", out + 3));
        assertThat(driver.producedTopicNames()).doesNotContain(repartition);
        assertThat(alerts.readValuesToList()).filteredOn(a -> a.getRule().equals("CARRY_OVER")).isNotEmpty()
                .allMatch(a -> a.getAgency().equals(inPlace));

        AnnualReport elsewhereLastYear = TestReports.withYear(TestReports.clean2024(elsewhere, 5), 2023);
        send(elsewhereLastYear);
        assertThat(driver.producedTopicNames()).contains(repartition);
        send(TestReports.withCell(TestReports.clean2024(elsewhere, 6), "T3", "apps.carriedIn", "total",
                new ReportFacts(elsewhereLastYear).summand("T3", "apps.carriedOut", "total").orElseThrow() + 3));
        assertThat(alerts.readValuesToList()).filteredOn(a -> a.getRule().equals("CARRY_OVER")).isNotEmpty()
                .allMatch(a -> a.getAgency().equals(elsewhere));
    }

    /**
     * Reports written before they were placed by agency sit on their key's partition, the versions
     * written since on their agency's: a replay reads the two in either order. An earlier extraction
     * of the same page arriving after a later one changes nothing; a later one still replaces it.
     */
    @Test
    void anEarlierExtractionOfThePageArrivingLateChangesNothing() {
        AnnualReport clean = TestReports.clean2024(9);
        AnnualReport broken = TestReports.withCell(clean, "T4", "review.reconsideration", "total", 77);
        broken.setExtractedAt(java.time.Instant.parse("2025-02-01T00:00:00Z"));
        AnnualReport corrected = AnnualReport.newBuilder(clean).setPageSha256(clean.getPageSha256() + "-corrected")
                .setExtractedAt(java.time.Instant.parse("2025-03-01T00:00:00Z")).build();

        send(broken);
        Alert opened = single(alerts.readValuesToList(), "T4_TOTALS");
        send(corrected);
        assertThat(single(alerts.readValuesToList(), "T4_TOTALS").getStatus()).isEqualTo(AlertStatus.RESOLVED);

        send(broken);
        assertThat(alerts.readValuesToList()).as("the earlier extraction, read late").isEmpty();

        AnnualReport brokenAgain = AnnualReport.newBuilder(broken).setExtractedAt(java.time.Instant.parse("2025-04-01T00:00:00Z")).build();
        send(brokenAgain);
        Alert reopened = single(alerts.readValuesToList(), "T4_TOTALS");
        assertThat(reopened.getId()).isEqualTo(opened.getId());
        assertThat(reopened.getStatus()).isEqualTo(AlertStatus.OPEN);
    }

    private static String agencyOnPartition(int partition, boolean on) {
        for (int i = 0; ; i++) {
            String agency = "示范县部门" + i;
            if ((ReportPlacement.partitionOf(agency, Topics.REPORTS.partitions()) == partition) == on) {
                return agency;
            }
        }
    }

    @Test
    void alertsAreKeyedByTheirIdForCompaction() {
        send(TestReports.withCell(TestReports.clean2024(3), "T3", "apps.new", "total", 0));

        alerts.readKeyValuesToList().forEach(kv -> assertThat(kv.key).isEqualTo(kv.value.getId()));
    }

    /**
     * An upgrade: the validator's stores hold a report and its open alerts as the version before
     * canonical keys left them (key {@code code|agency as printed|year}, ids built from it, the
     * report in a slot named with the code). When the report comes again, each open alert moves to
     * its canonical id: the old id's last record points at the new one (and leaves the open lists),
     * the new one remembers the old and keeps its raise time, and nothing is raised twice.
     */
    @Test
    void alertsRaisedUnderAKeyWrittenBeforeMoveToTheirCanonicalIds() {
        AnnualReport report = TestReports.withCell(TestReports.clean2024(4), "T4", "review.reconsideration", "total", 77);
        report.getRegion().setCode("410823");
        ReportKey key = ReportKey.parse(report.getReportKey());
        String legacyKey = "410823|" + key.agency().replace("人民政府", "政府") + "|" + key.year();
        Validation validation = new Validation(Rules.ALL, Deadlines.national());
        List<Alert> legacyAlerts = new java.util.ArrayList<>();
        for (Alert a : validation.evaluate(report, null, null, java.time.Instant.parse("2025-03-01T00:00:00Z"))) {
            if (!a.getRule().equals("CHANGED")) {
                legacyAlerts.add(Alert.newBuilder(a).setReportKey(legacyKey)
                        .setId(a.getId().replace(a.getRule() + "|" + key + "|", a.getRule() + "|" + legacyKey + "|")).build());
            }
        }
        assertThat(legacyAlerts).extracting(Alert::getId).contains("T4_TOTALS|" + legacyKey + "|review.reconsideration");
        KeyValueStore<String, Alert> open = driver.getKeyValueStore(ValidateProcessor.ALERTS_STORE);
        KeyValueStore<String, String> index = driver.getKeyValueStore(ValidateProcessor.INDEX_STORE);
        KeyValueStore<String, AnnualReport> stored = driver.getKeyValueStore(ValidateProcessor.REPORTS_STORE);
        KeyValueStore<String, String> checked = driver.getKeyValueStore(ValidateProcessor.CHECKED_STORE);
        legacyAlerts.forEach(a -> open.put(a.getId(), a));
        index.put(legacyKey, String.join("\n", legacyAlerts.stream().map(Alert::getId).toList()));
        String legacySlot = "410823|" + key.agency() + "#" + key.year();
        stored.put(legacySlot, AnnualReport.newBuilder(report).setReportKey(legacyKey).build());
        checked.put(legacySlot, validation.fingerprint());

        send(report);
        List<Alert> after = alerts.readValuesToList();

        assertThat(after).hasSize(2 * legacyAlerts.size());
        for (Alert legacy : legacyAlerts) {
            String canonicalId = legacy.getId().replace(legacyKey, key.toString());
            assertThat(after).filteredOn(a -> a.getId().equals(legacy.getId())).singleElement().satisfies(a -> {
                assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
                assertThat(a.getMovedTo()).isEqualTo(canonicalId);
            });
            assertThat(after).filteredOn(a -> a.getId().equals(canonicalId)).singleElement().satisfies(a -> {
                assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
                assertThat(a.getFormerIds()).containsExactly(legacy.getId());
                assertThat(a.getRaisedAt()).isEqualTo(legacy.getRaisedAt());
                assertThat(a.getReportKey()).isEqualTo(key.toString());
            });
        }
        assertThat(stored.get(legacySlot)).as("the report moved to its canonical slot").isNull();
        assertThat(stored.get(key.agency() + "#" + key.year())).isNotNull();

        // From now on the canonical id is the alert: a correction resolves it there.
        send(TestReports.withCell(report, "T4", "review.reconsideration", "total",
                new ReportFacts(TestReports.clean2024(4)).summand("T4", "review.reconsideration", "total").orElseThrow()));
        Alert resolved = single(alerts.readValuesToList(), "T4_TOTALS");
        assertThat(resolved.getId()).isEqualTo("T4_TOTALS|" + key + "|review.reconsideration");
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
    }

    private void send(AnnualReport report) {
        reports.pipeInput(report.getReportKey(), report);
    }

    private static Alert single(List<Alert> alerts, String rule) {
        List<Alert> matching = alerts.stream().filter(a -> a.getRule().equals(rule)).toList();
        assertThat(matching).as("%s in %s", rule, alerts.stream().map(Alert::getId).toList()).hasSize(1);
        return matching.get(0);
    }
}
