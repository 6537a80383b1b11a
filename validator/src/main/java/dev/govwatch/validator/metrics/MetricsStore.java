package dev.govwatch.validator.metrics;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import dev.govwatch.schemas.AgencyLevel;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.MetricCounts;
import dev.govwatch.schemas.RegionPath;
import dev.govwatch.validator.Deadlines;

/**
 * The sums behind the metrics, kept as reports arrive: for each year, agency level (and all levels
 * together) and place a report lies in (the nation, its province, prefecture and county), one
 * {@link MetricCounts}. A new version of a report takes its old version's counts out and its own in,
 * so a re-extraction or a corrected report never counts twice. Each validator instance holds the
 * sums over its own agencies; sums add, so the query API adds the instances' parts.
 *
 * <p>Keys are {@code year|level|placeKey}, level being an {@link AgencyLevel} name or {@code ALL}.
 */
public final class MetricsStore {

    /** The place every report lies in. */
    public static final String NATION = "全国";
    /** The level key of the sums over agencies of every level. */
    public static final String ALL_LEVELS = "ALL";

    private final KeyValueStore<String, MetricCounts> store;
    private final KeyValueStore<String, MetricCounts> contributions;
    private final Deadlines deadlines;

    /**
     * @param store         the sums
     * @param contributions per report slot, the counts its stored version added: taken out as they
     *                      went in, even when the deadlines have changed since
     */
    public MetricsStore(KeyValueStore<String, MetricCounts> store, KeyValueStore<String, MetricCounts> contributions,
                        Deadlines deadlines) {
        this.store = store;
        this.contributions = contributions;
        this.deadlines = deadlines;
    }

    /**
     * Replaces {@code previous} (null for a first version) by {@code report} in every sum both lie in;
     * {@code slot} names the report (agency and year) in the contributions store.
     */
    public void replace(String slot, AnnualReport previous, AnnualReport report) {
        MetricCounts added = contributions.get(slot);
        if (previous != null && added != null) {
            apply(previous, added, -1);
        }
        if (report != null && report.getReportYear() != null) {
            MetricCounts contribution = ReportContribution.of(report, deadlines);
            apply(report, contribution, 1);
            contributions.put(slot, contribution);
        } else {
            contributions.delete(slot);
        }
    }

    private void apply(AnnualReport report, MetricCounts contribution, int sign) {
        if (report.getReportYear() == null) {
            return;
        }
        for (String level : List.of(ALL_LEVELS, report.getLevel().name())) {
            for (MetricCounts place : places(report)) {
                String key = key(report.getReportYear(), level, place.getPlaceKey());
                MetricCounts current = store.get(key);
                MetricCounts sum = Counts.add(current == null ? place : current, contribution, sign);
                if (sum.getReports() <= 0) {
                    store.delete(key);
                } else {
                    store.put(key, sum);
                }
            }
        }
    }

    /** The nation and each place on the report's region path, as empty counts carrying where they are. */
    static List<MetricCounts> places(AnnualReport report) {
        List<MetricCounts> out = new ArrayList<>();
        out.add(empty(NATION, NATION, "NATION", null));
        String parent = NATION;
        for (RegionPath.Place p : RegionPath.of(report.getRegion()).places()) {
            out.add(empty(p.key(), p.name(), p.level().name(), parent));
            parent = p.key();
        }
        return out;
    }

    public static String key(int year, String level, String placeKey) {
        return year + "|" + level + "|" + placeKey;
    }

    /** Every row of {@code year} and {@code level} in a store as the query API reads it. */
    public static List<MetricCounts> rows(ReadOnlyKeyValueStore<String, MetricCounts> store, int year, String level) {
        List<MetricCounts> rows = new ArrayList<>();
        try (KeyValueIterator<String, MetricCounts> it = store.prefixScan(year + "|" + level + "|", Serdes.String().serializer())) {
            while (it.hasNext()) {
                rows.add(it.next().value);
            }
        }
        return rows;
    }

    static MetricCounts empty(String key, String name, String level, String parent) {
        return MetricCounts.newBuilder().setPlaceKey(key).setPlaceName(name).setPlaceLevel(level).setParentKey(parent).build();
    }
}
