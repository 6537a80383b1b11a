package dev.govwatch.validator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import dev.govwatch.schemas.AgencyIdentity;
import dev.govwatch.schemas.AgencyWatch;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Decision;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.ExpectedAgency;
import dev.govwatch.schemas.CoverageCell;
import dev.govwatch.schemas.MetricCounts;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.PortalStatus;
import dev.govwatch.schemas.Topics;
import dev.govwatch.schemas.ValueSerdes;
import dev.govwatch.streams.AgencyPartitioner;
import dev.govwatch.streams.ServiceConfig;

/**
 * The validator: {@link Topics#REPORTS} (with {@link Topics#PORTALS} for the agencies expected to
 * report and {@link Topics#PORTAL_STATUS} for portals the crawler cannot read) → {@link Topics#ALERTS}.
 * Reviewers' {@link Topics#DECISIONS} are held beside them, for the query API to show with each alert.
 * Reports and portal listings are keyed by agency and meet, every year of an agency with its
 * listing, in the task of the agency's partition ({@link dev.govwatch.schemas.ReportPlacement}):
 * the extractor writes each report there already, so it is validated where it is read
 * ({@link AgencyPlacement}); a report found elsewhere, and every listing, crosses a repartition
 * topic to it. A pure function of its settings.
 */
public final class ValidatorTopology {

    public static final String APPLICATION_ID = "govwatch-validator";

    /**
     * How MISSING is decided.
     *
     * @param grace         how long after a deadline a report still counts as not yet missing
     * @param checkInterval how often, on the wall clock, every expected report is looked for (deadlines pass)
     * @param progress      how far a sweep's reports have come: a portal's absences are judged at
     *                      the first {@link #sweepCheck()} that finds every report of its latest
     *                      sweep through the extractor and this validator's repartition
     *                      ({@link PipelineOffsets}); where that cannot be seen, one check interval
     *                      after the sweep
     */
    public record MissingPolicy(Duration grace, Duration checkInterval, SweepProgress progress) {

        /** A policy judging by time alone (no view of the pipeline's progress). */
        public MissingPolicy(Duration grace, Duration checkInterval) {
            this(grace, checkInterval, SweepProgress.UNSEEN);
        }

        /** The defaults, judging by time alone: for tests and tools that do not run beside an extractor. */
        public static MissingPolicy defaults() {
            return defaults(SweepProgress.UNSEEN);
        }

        public static MissingPolicy defaults(SweepProgress progress) {
            return new MissingPolicy(Duration.ofDays(7), Duration.ofHours(1), progress);
        }

        /** The same policy, with a view of the pipeline's progress. */
        public MissingPolicy watching(SweepProgress progress) {
            return new MissingPolicy(grace, checkInterval, progress);
        }

        /** How often freshly swept portals are looked at. */
        public Duration sweepCheck() {
            Duration tick = Duration.ofSeconds(5);
            return checkInterval.compareTo(tick) < 0 ? checkInterval : tick;
        }
    }

    /** The repartition that brings reports found off their agency's partition to it (its topic: {@link #reportsRepartitionTopic}). */
    static final String REPORTS_BY_AGENCY = "reports-by-agency";
    /** The repartition that brings an agency's expectations from portal listings to its reports. */
    static final String EXPECTED_BY_AGENCY = "expected-agencies-by-agency";

    private ValidatorTopology() {
    }

    /** The topic of the reports' repartition, where an agency's reports wait for the validator. */
    public static String reportsRepartitionTopic(String applicationId) {
        return repartitionTopic(applicationId, REPORTS_BY_AGENCY);
    }

    private static String repartitionTopic(String applicationId, String name) {
        return applicationId + "-" + name + "-repartition";
    }

    /**
     * The topics this topology writes through the registry besides {@code govwatch.alerts} — its
     * repartition topics and the changelogs of its Avro-valued stores — with their value schemas.
     * A warm-up looks them up before the first record: otherwise the first transaction makes ten
     * registry round trips, one after another, before its first alert.
     */
    public static Map<String, Schema> internalTopicSchemas(String applicationId) {
        Map<String, Schema> topics = new LinkedHashMap<>();
        topics.put(repartitionTopic(applicationId, REPORTS_BY_AGENCY), AnnualReport.getClassSchema());
        topics.put(repartitionTopic(applicationId, EXPECTED_BY_AGENCY), AgencyWatch.getClassSchema());
        topics.put(changelog(applicationId, ValidateProcessor.REPORTS_STORE), AnnualReport.getClassSchema());
        topics.put(changelog(applicationId, ValidateProcessor.ALERTS_STORE), Alert.getClassSchema());
        topics.put(changelog(applicationId, ValidateProcessor.AGENCIES_STORE), AgencyWatch.getClassSchema());
        topics.put(changelog(applicationId, ValidateProcessor.COVERAGE_STORE), CoverageCell.getClassSchema());
        topics.put(changelog(applicationId, ValidateProcessor.METRICS_STORE), MetricCounts.getClassSchema());
        topics.put(changelog(applicationId, ValidateProcessor.CONTRIBUTIONS_STORE), MetricCounts.getClassSchema());
        return topics;
    }

    private static String changelog(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    public static Topology build(ServiceConfig config, Deadlines deadlines) {
        return build(config, deadlines, MissingPolicy.defaults());
    }

    public static Topology build(ServiceConfig config, Deadlines deadlines, MissingPolicy policy) {
        return build(config.valueSerdes(), deadlines, policy);
    }

    static Topology build(ValueSerdes serdes, Deadlines deadlines, MissingPolicy policy) {
        var reportSerde = serdes.forTopic(Topics.REPORTS);
        var watchSerde = serdes.forStore(AgencyWatch.class);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ValidateProcessor.REPORTS_STORE),
                Serdes.String(), reportSerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ValidateProcessor.ALERTS_STORE),
                Serdes.String(), serdes.forTopic(Topics.ALERTS)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ValidateProcessor.INDEX_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ValidateProcessor.CHECKED_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ValidateProcessor.AGENCIES_STORE),
                Serdes.String(), watchSerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ValidateProcessor.COVERAGE_STORE),
                Serdes.String(), serdes.forStore(CoverageCell.class)));
        // Every report adds to the same few sums (the nation's, its province's, for all levels and its
        // own): cached, a sum is written to RocksDB and its changelog once a commit, not once a report.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ValidateProcessor.METRICS_STORE),
                Serdes.String(), serdes.forStore(MetricCounts.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ValidateProcessor.CONTRIBUTIONS_STORE),
                Serdes.String(), serdes.forStore(MetricCounts.class)));
        builder.globalTable(Topics.PORTAL_STATUS.name(),
                Consumed.with(Serdes.String(), serdes.forTopic(Topics.PORTAL_STATUS)).withName("portal-status"),
                Materialized.<String, PortalStatus, KeyValueStore<Bytes, byte[]>>as(ValidateProcessor.PORTAL_STATUS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.forTopic(Topics.PORTAL_STATUS)));

        // Every instance holds every decision: any instance answers for any alert, and a decision
        // never waits for the alert's partition.
        builder.globalTable(Topics.DECISIONS.name(),
                Consumed.with(Serdes.String(), serdes.forTopic(Topics.DECISIONS)).withName("decisions"),
                Materialized.<String, Decision, KeyValueStore<Bytes, byte[]>>as(ValidatorStores.DECISIONS)
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.forTopic(Topics.DECISIONS)));

        Validation validation = new Validation(Rules.ALL, deadlines);
        MissingReports missingReports = new MissingReports(deadlines, policy.grace(), policy.checkInterval(), policy.progress());
        String[] stores = {ValidateProcessor.REPORTS_STORE, ValidateProcessor.CHECKED_STORE, ValidateProcessor.ALERTS_STORE,
            ValidateProcessor.INDEX_STORE, ValidateProcessor.AGENCIES_STORE, ValidateProcessor.METRICS_STORE,
            ValidateProcessor.CONTRIBUTIONS_STORE, ValidateProcessor.COVERAGE_STORE};
        var placed = builder.stream(Topics.REPORTS.name(), Consumed.with(Serdes.String(), reportSerde).withName("reports"))
                .process(() -> new AgencyPlacement(Topics.REPORTS.partitions()), Named.as("report-by-agency"))
                .split(Named.as("reports-"))
                .branch((agency, report) -> report.inPlace(), Branched.as("in-place"))
                .defaultBranch(Branched.as("elsewhere"));
        var moved = placed.get("reports-elsewhere")
                .mapValues(AgencyPlacement.Placed::report, Named.as("moved-report"))
                .repartition(Repartitioned.with(Serdes.String(), reportSerde).withName(REPORTS_BY_AGENCY)
                        .withNumberOfPartitions(Topics.REPORTS.partitions()).withStreamPartitioner(AgencyPartitioner.byKey()));
        var fromReports = placed.get("reports-in-place")
                .mapValues(AgencyPlacement.Placed::report, Named.as("report-in-place"))
                .merge(moved, Named.as("reports-by-agency"))
                .process(() -> new ValidateProcessor(validation, missingReports, policy.checkInterval(), policy.sweepCheck()),
                        Named.as("validate"), stores);
        var fromPortals = builder.stream(Topics.PORTALS.name(),
                        Consumed.with(Serdes.String(), serdes.forTopic(Topics.PORTALS)).withName("portals"))
                .flatMap((id, portal) -> listings(portal), Named.as("expected-agencies"))
                .repartition(Repartitioned.with(Serdes.String(), watchSerde).withName(EXPECTED_BY_AGENCY)
                        .withNumberOfPartitions(Topics.REPORTS.partitions()).withStreamPartitioner(AgencyPartitioner.byKey()))
                .process(() -> new ExpectationProcessor(missingReports), Named.as("expect"),
                        ValidateProcessor.ALERTS_STORE, ValidateProcessor.INDEX_STORE, ValidateProcessor.AGENCIES_STORE,
                        ValidateProcessor.COVERAGE_STORE);
        fromReports.merge(fromPortals, Named.as("all-alerts"))
                .to(Topics.ALERTS.name(), Produced.<String, Alert>with(Serdes.String(), serdes.forTopic(Topics.ALERTS))
                        .withName("alerts"));
        return builder.build();
    }

    private static List<KeyValue<String, AgencyWatch>> listings(Portal portal) {
        List<KeyValue<String, AgencyWatch>> listings = new ArrayList<>();
        if (portal == null) {
            return listings;
        }
        for (ExpectedAgency agency : portal.getExpectedAgencies()) {
            // The portal's name for an agency may differ from the report's (示范县 / 示范县人民政府): both sides
            // meet under the canonical identity.
            String name = AgencyIdentity.canonical(agency.getName(), portal.getRegion());
            listings.add(KeyValue.pair(name, AgencyWatch.newBuilder().setName(name)
                    .setPortalId(portal.getId()).setLevel(agency.getLevel()).setRegion(portal.getRegion())
                    .setListed(true).setReportedYears(new ArrayList<>()).build()));
        }
        return listings;
    }
}
