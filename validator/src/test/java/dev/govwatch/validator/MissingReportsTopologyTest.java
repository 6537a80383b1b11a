package dev.govwatch.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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

import dev.govwatch.schemas.AgencyLevel;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.BinaryAvroSerde;
import dev.govwatch.schemas.ExpectedAgency;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.PortalState;
import dev.govwatch.schemas.PortalStatus;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.Topics;
import dev.govwatch.streams.ServiceConfig;

/**
 * MISSING and BLOCKED on a controlled wall clock (the driver's): a department listed on its portal
 * owes its 2024 report by 2025-01-31; with 7 days' grace it is MISSING from 2025-02-08 on.
 */
class MissingReportsTopologyTest {

    private static final String AGENCY = "甲县交通运输局";
    /** 2025-02-01 08:00 in Beijing. */
    private static final Instant START = Instant.parse("2025-02-01T00:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, Portal> portals;
    private TestInputTopic<String, PortalStatus> portalStatus;
    private TestInputTopic<String, AnnualReport> reports;
    private TestOutputTopic<String, Alert> alerts;
    /** How far sweeps have come through the pipeline, as the validator sees it. */
    private final java.util.concurrent.atomic.AtomicReference<SweepProgress.Progress> progress =
            new java.util.concurrent.atomic.AtomicReference<>(SweepProgress.Progress.UNKNOWN);

    @BeforeEach
    void start(@TempDir Path stateDir) {
        ServiceConfig config = ServiceConfig.of(ValidatorTopology.APPLICATION_ID, Map.of(ServiceConfig.BOOTSTRAP_SERVERS, "unused:9092",
                ServiceConfig.SERDES, "binary", ServiceConfig.STATE_DIR, stateDir.toString(),
                // The driver drops handler dead letters under exactly-once; the stack ITs run exactly-once.
                ServiceConfig.PROCESSING_GUARANTEE, "at_least_once"));
        Properties props = config.streamsProperties();
        driver = new TopologyTestDriver(ValidatorTopology.build(config, Deadlines.national(),
                new ValidatorTopology.MissingPolicy(Duration.ofDays(7), Duration.ofHours(1),
                        through -> through.isEmpty() ? SweepProgress.Progress.PASSED : progress.get())), props, START);
        portals = driver.createInputTopic(Topics.PORTALS.name(), new StringSerializer(), new BinaryAvroSerde<>(Portal.class).serializer());
        portalStatus = driver.createInputTopic(Topics.PORTAL_STATUS.name(), new StringSerializer(),
                new BinaryAvroSerde<>(PortalStatus.class).serializer());
        reports = driver.createInputTopic(Topics.REPORTS.name(), new StringSerializer(),
                new BinaryAvroSerde<>(AnnualReport.class).serializer());
        alerts = driver.createOutputTopic(Topics.ALERTS.name(), new StringDeserializer(), new BinaryAvroSerde<>(Alert.class).deserializer());
        portals.pipeInput("p1", portal());
        portalStatus.pipeInput("p1", status(PortalState.OK, null));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aListedAgencyIsMissingOnlyAfterDeadlineAndGraceAndResolvesWhenTheLateReportArrives() {
        driver.advanceWallClockTime(Duration.ofDays(6)); // 2025-02-07: still within the grace period
        assertThat(alerts.readValuesToList()).isEmpty();

        driver.advanceWallClockTime(Duration.ofDays(1)); // 2025-02-08
        Alert missing = single(alerts.readValuesToList(), "MISSING");
        assertThat(missing.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(missing.getCategory()).isEqualTo(AlertCategory.MISSING);
        assertThat(missing.getYear()).isEqualTo(2024);
        assertThat(missing.getMessage()).contains(AGENCY).contains("2024年度").contains("2025-01-31");

        driver.advanceWallClockTime(Duration.ofHours(3)); // checked again: nothing new to say
        assertThat(alerts.readValuesToList()).isEmpty();
        assertThat(coverage(AGENCY, 2024)).containsEntry("status", "MISSING").doesNotContainKey("reportKey");

        reports.pipeInput("k", report(LocalDate.of(2025, 2, 9)));
        List<Alert> afterReport = alerts.readValuesToList();
        Alert resolved = single(afterReport, "MISSING");
        assertThat(resolved.getId()).isEqualTo(missing.getId());
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(single(afterReport, "LATE").getStatus()).isEqualTo(AlertStatus.OPEN);
        // The grid's cell follows as the report and the alerts arrive: late now, with the LATE alert as its problem.
        assertThat(coverage(AGENCY, 2024)).containsEntry("status", "LATE").containsEntry("problems", 1).containsKey("reportKey");
    }

    /** The coverage cell the validator keeps for an agency and year, as the query API gives it. */
    private Map<String, Object> coverage(String agency, int year) {
        org.apache.kafka.streams.state.KeyValueStore<String, dev.govwatch.schemas.CoverageCell> store =
                driver.getKeyValueStore(ValidatorStores.COVERAGE);
        dev.govwatch.schemas.CoverageCell cell = store.get(agency + "#" + year);
        assertThat(cell).as("coverage cell " + agency + "#" + year).isNotNull();
        return CoverageGrid.json(cell);
    }

    @Test
    void nothingIsCalledMissingOnAPortalNotYetSweptOrReadOnlyMomentsAgo() {
        Portal other = Portal.newBuilder(portal()).setId("p2")
                .setExpectedAgencies(List.of(ExpectedAgency.newBuilder().setName("乙县民政局").setLevel(AgencyLevel.DEPARTMENT).build()))
                .build();
        portals.pipeInput("p2", other);
        driver.advanceWallClockTime(Duration.ofDays(8));
        assertThat(alerts.readValuesToList()).extracting(Alert::getAgency).doesNotContain("乙县民政局");

        // The crawler reads p2 for the first time: a report may still be on its way, so wait one check interval.
        portalStatus.pipeInput("p2", PortalStatus.newBuilder().setPortalId("p2").setState(PortalState.OK)
                .setSince(START.plus(Duration.ofDays(8))).setCheckedAt(START.plus(Duration.ofDays(8))).build());
        driver.advanceWallClockTime(Duration.ofMinutes(30));
        assertThat(alerts.readValuesToList()).extracting(Alert::getAgency).doesNotContain("乙县民政局");
        driver.advanceWallClockTime(Duration.ofHours(1));
        assertThat(alerts.readValuesToList()).extracting(a -> a.getAgency() + " " + a.getRule()).containsExactly("乙县民政局 MISSING");
    }

    /**
     * A crawler that says when it swept and where its pages went: the absence is judged seconds
     * after their reports have come through the pipeline, not an hourly check later — and not before, while a
     * report that sweep found may still be on its way.
     */
    @Test
    void aSweptPortalIsJudgedOnceItsReportsHaveComeThroughNotAnHourLater() {
        Portal other = Portal.newBuilder(portal()).setId("p2")
                .setExpectedAgencies(List.of(ExpectedAgency.newBuilder().setName("乙县民政局").setLevel(AgencyLevel.DEPARTMENT).build()))
                .build();
        portals.pipeInput("p2", other);
        driver.advanceWallClockTime(Duration.ofDays(8)); // 2025-02-09: past 2025-01-31 + 7 days, but p2 never swept
        assertThat(alerts.readValuesToList()).extracting(Alert::getAgency).doesNotContain("乙县民政局");

        Instant swept = START.plus(Duration.ofDays(8));
        progress.set(SweepProgress.Progress.PENDING);
        portalStatus.pipeInput("p2", PortalStatus.newBuilder().setPortalId("p2").setState(PortalState.OK).setSince(swept)
                .setCheckedAt(swept).setSweptAt(swept).setPagesThrough(Map.of("3", 42L)).build());
        driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(alerts.readValuesToList()).as("the sweep's reports are not through yet")
                .extracting(Alert::getAgency).doesNotContain("乙县民政局");

        // PASSED means the sweep's reports have crossed the validator's repartition too (PipelineOffsetsIT): judged at once.
        progress.set(SweepProgress.Progress.PASSED);
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(alerts.readValuesToList()).extracting(a -> a.getAgency() + " " + a.getRule()).containsExactly("乙县民政局 MISSING");
    }

    /** Where the pipeline's progress cannot be seen, a sweep is judged one check interval after it ended. */
    @Test
    void withoutAViewOfThePipelineASweepIsJudgedACheckIntervalAfterIt() {
        Portal other = Portal.newBuilder(portal()).setId("p3")
                .setExpectedAgencies(List.of(ExpectedAgency.newBuilder().setName("丙县民政局").setLevel(AgencyLevel.DEPARTMENT).build()))
                .build();
        portals.pipeInput("p3", other);
        driver.advanceWallClockTime(Duration.ofDays(8));
        Instant swept = START.plus(Duration.ofDays(8));
        progress.set(SweepProgress.Progress.UNKNOWN);
        portalStatus.pipeInput("p3", PortalStatus.newBuilder().setPortalId("p3").setState(PortalState.OK).setSince(START)
                .setCheckedAt(swept).setSweptAt(swept).setPagesThrough(Map.of("1", 7L)).build());
        driver.advanceWallClockTime(Duration.ofMinutes(30));
        assertThat(alerts.readValuesToList()).extracting(Alert::getAgency).doesNotContain("丙县民政局");
        driver.advanceWallClockTime(Duration.ofMinutes(31));
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(alerts.readValuesToList()).extracting(a -> a.getAgency() + " " + a.getRule()).containsExactly("丙县民政局 MISSING");
    }

    @Test
    void aBlockedPortalRaisesBlockedInsteadOfMissingUntilItIsReadableAgain() {
        portalStatus.pipeInput("p1", status(PortalState.BLOCKED, "HTTP 412 with a $_ts script"));
        driver.advanceWallClockTime(Duration.ofDays(8));

        List<Alert> whileBlocked = alerts.readValuesToList();
        assertThat(whileBlocked).extracting(Alert::getRule).containsExactly("BLOCKED");
        assertThat(whileBlocked.get(0).getMessage()).contains("p1").contains("412");

        portalStatus.pipeInput("p1", status(PortalState.OK, null));
        driver.advanceWallClockTime(Duration.ofHours(1));
        List<Alert> afterwards = alerts.readValuesToList();
        assertThat(single(afterwards, "BLOCKED").getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(single(afterwards, "MISSING").getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(coverage(whileBlocked.get(0).getAgency(), whileBlocked.get(0).getYear())).containsEntry("status", "MISSING");
    }

    /** A portal whose column drifted away says nothing about absences: BLOCKED, naming the drift, never MISSING. */
    @Test
    void aDriftedPortalsAgenciesAreBlockedNotMissing() {
        portalStatus.pipeInput("p1", PortalStatus.newBuilder(status(PortalState.DRIFTED,
                "http://jx.gov.cn/zfxxgknb/ gone (HTTP 404/410 or no reports listed) for 3 sweeps; not found again from http://jx.gov.cn/"))
                .setSweptAt(START).build());
        driver.advanceWallClockTime(Duration.ofDays(8));
        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).extracting(Alert::getRule).containsExactly("BLOCKED");
        assertThat(raised.get(0).getMessage()).contains("年报栏目已失效").contains("not found again");
    }

    /**
     * The portal's own DRIFTED alert: raised from the status the crawler sends after a sweep that
     * could not find a column again, resolved by the first sweep that reads it normally.
     */
    @Test
    void aDriftedPortalHasItsOwnAlertUntilItIsReadAgain() {
        // The driver runs one task (partition 0): a portal id whose alert that task keeps.
        String id = java.util.stream.IntStream.range(0, 1000).mapToObj(n -> "drift-" + n)
                .filter(p -> PortalDrift.owner(p, Topics.REPORTS.partitions()) == 0).findFirst().orElseThrow();
        portals.pipeInput(id, Portal.newBuilder(portal()).setId(id).build());
        Instant swept = START.plus(Duration.ofMinutes(1));
        portalStatus.pipeInput(id, PortalStatus.newBuilder().setPortalId(id).setState(PortalState.DRIFTED).setSince(swept)
                .setCheckedAt(swept).setSweptAt(swept).setDetail("http://jx.gov.cn/zfxxgknb/ gone for 3 sweeps; not found again").build());
        driver.advanceWallClockTime(Duration.ofSeconds(20));
        Alert drifted = single(alerts.readValuesToList(), "DRIFTED");
        assertThat(drifted.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(drifted.getCategory()).isEqualTo(AlertCategory.DRIFTED);
        assertThat(drifted.getMessage()).contains(id).contains("not found again");
        assertThat(drifted.getRegion().getCounty()).isEqualTo("甲县");

        Instant later = swept.plus(Duration.ofHours(6));
        portalStatus.pipeInput(id, PortalStatus.newBuilder().setPortalId(id).setState(PortalState.OK).setSince(later)
                .setCheckedAt(later).setSweptAt(later).build());
        driver.advanceWallClockTime(Duration.ofSeconds(20));
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        Alert resolved = single(alerts.readValuesToList(), "DRIFTED");
        assertThat(resolved.getId()).isEqualTo(drifted.getId());
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
    }

    @Test
    void anAgencyKnownOnlyFromItsReportsIsExpectedTheFollowingYears() {
        AnnualReport county2023 = TestReports.withYear(TestReports.clean2024(4), 2023);
        portalStatus.pipeInput("test", PortalStatus.newBuilder().setPortalId("test").setState(PortalState.OK).setSince(START)
                .setCheckedAt(START).build());
        reports.pipeInput(county2023.getReportKey(), county2023);
        alerts.readValuesToList();

        driver.advanceWallClockTime(Duration.ofDays(70)); // 2025-04-12: past 2025-03-31 + 7 days
        Alert missing = single(alerts.readValuesToList().stream()
                .filter(a -> county2023.getAgency().equals(a.getAgency())).toList(), "MISSING");
        assertThat(missing.getYear()).isEqualTo(2024);
        assertThat(missing.getMessage()).contains("2025-03-31");
    }

    @Test
    void aReportDoesNotCallItsNextYearMissingWhileThatOneIsStillOnItsWay() {
        portalStatus.pipeInput("test", PortalStatus.newBuilder().setPortalId("test").setState(PortalState.OK).setSince(START)
                .setCheckedAt(START).build());
        driver.advanceWallClockTime(Duration.ofDays(70)); // 2025-04-12: the 2024 reports are overdue
        alerts.readValuesToList();
        AnnualReport county2023 = TestReports.withYear(TestReports.clean2024(4), 2023);
        AnnualReport county2024 = TestReports.clean2024(4);

        reports.pipeInput(county2023.getReportKey(), county2023);
        reports.pipeInput(county2024.getReportKey(), county2024);
        driver.advanceWallClockTime(Duration.ofHours(1));

        assertThat(alerts.readValuesToList()).filteredOn(a -> county2023.getAgency().equals(a.getAgency()))
                .extracting(Alert::getRule).doesNotContain("MISSING");
    }

    @Test
    void aPortalKnownBlockedWhenItsListingArrivesRaisesBlockedOnce() {
        portalStatus.pipeInput("p1", status(PortalState.BLOCKED, "HTTP 412"));
        driver.advanceWallClockTime(Duration.ofDays(8));
        portals.pipeInput("p1", portal()); // the listing again, as every run of the crawler republishes it
        driver.advanceWallClockTime(Duration.ofHours(1));
        portals.pipeInput("p1", portal());

        assertThat(alerts.readValuesToList()).extracting(a -> a.getRule() + " " + a.getStatus()).containsExactly("BLOCKED OPEN");
    }

    /** The portal file names the county government one way, the report another: one agency, never MISSING beside an orphan. */
    @org.junit.jupiter.params.ParameterizedTest(name = "listed as {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"甲县", "甲县政府", "甲县人民政府", "县政府"})
    void aNameVariantOfTheListedAgencyIsTheSameAgency(String listedAs) {
        portals.pipeInput("p1", Portal.newBuilder(portal()).setExpectedAgencies(List.of(
                ExpectedAgency.newBuilder().setName(listedAs).setLevel(AgencyLevel.COUNTY).build())).build());
        AnnualReport report = AnnualReport.newBuilder(TestReports.clean2024(1)).build();
        report.setAgency("甲县人民政府");
        report.setLevel(AgencyLevel.COUNTY);
        report.setRegion(Region.newBuilder().setCounty("甲县").build());
        report.setReportKey("甲县人民政府|2024");
        report.setPublicationDate(LocalDate.of(2025, 3, 10));
        report.setPortalId("p1");
        reports.pipeInput(report.getReportKey(), report);

        driver.advanceWallClockTime(Duration.ofDays(90)); // 2025-05-02: every 2024 deadline and its grace are past

        assertThat(alerts.readValuesToList()).filteredOn(a -> a.getRule().equals("MISSING"))
                .extracting(Alert::getAgency).doesNotContain("甲县人民政府", listedAs);
    }

    private static Portal portal() {
        return Portal.newBuilder().setId("p1").setName("甲县人民政府").setRegion(Region.newBuilder().setCounty("甲县").build())
                .setListPages(List.of("http://jx.gov.cn/zfxxgknb/"))
                .setExpectedAgencies(List.of(ExpectedAgency.newBuilder().setName(AGENCY).setLevel(AgencyLevel.DEPARTMENT).build()))
                .build();
    }

    private static PortalStatus status(PortalState state, String detail) {
        return PortalStatus.newBuilder().setPortalId("p1").setState(state).setSince(START).setCheckedAt(START)
                .setDetail(detail).build();
    }

    private static AnnualReport report(LocalDate published) {
        AnnualReport report = AnnualReport.newBuilder(TestReports.clean2024(1)).build();
        report.setAgency(AGENCY);
        report.setLevel(AgencyLevel.DEPARTMENT);
        report.setReportKey(AGENCY + "|2024");
        report.setPublicationDate(published);
        report.setPortalId("p1");
        return report;
    }

    private static Alert single(List<Alert> alerts, String rule) {
        List<Alert> matching = alerts.stream().filter(a -> a.getRule().equals(rule)).toList();
        assertThat(matching).as("%s in %s", rule, alerts.stream().map(a -> a.getId() + " " + a.getStatus()).toList()).hasSize(1);
        return matching.get(0);
    }
}
