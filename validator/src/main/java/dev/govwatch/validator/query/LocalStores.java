package dev.govwatch.validator.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.Decision;
import dev.govwatch.schemas.Review;
import dev.govwatch.schemas.ReportKey;
import java.time.LocalDate;
import dev.govwatch.schemas.AlertJson;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.StatTable;
import dev.govwatch.schemas.TableRow;
import dev.govwatch.validator.CoverageGrid;
import dev.govwatch.validator.ValidatorStores;
import dev.govwatch.schemas.CoverageCell;
import dev.govwatch.validator.metrics.MetricsRows;
import dev.govwatch.validator.metrics.MetricsStore;
import dev.govwatch.validator.metrics.MetricsView;

/**
 * What this validator instance holds, as JSON-ready maps: its part of the coverage grid, its open
 * alerts, and single reports. {@link QueryServer} merges the parts of all instances.
 */
final class LocalStores {

    private final KafkaStreams streams;

    LocalStores(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * One cell per agency and year this instance knows of: on time, late, missing or blocked, with its
     * open problems, as the validator keeps them ({@link CoverageGrid}).
     */
    List<Map<String, Object>> coverage() {
        ReadOnlyKeyValueStore<String, CoverageCell> store = streams.store(
                StoreQueryParameters.fromNameAndType(ValidatorStores.COVERAGE, QueryableStoreTypes.keyValueStore()));
        List<Map<String, Object>> cells = new ArrayList<>();
        try (KeyValueIterator<String, CoverageCell> it = store.all()) {
            while (it.hasNext()) {
                Map<String, Object> cell = CoverageGrid.json(it.next().value);
                if (cell != null) {
                    cells.add(cell);
                }
            }
        }
        return cells;
    }

    List<Map<String, Object>> alerts() {
        List<Map<String, Object>> out = new ArrayList<>();
        ReadOnlyKeyValueStore<String, Decision> decisions = decisions();
        for (Alert a : openAlerts()) {
            out.add(withReview(a, decisions));
        }
        return out;
    }

    /** The open alert with this id, if this instance holds it. */
    Optional<Alert> alert(String id) {
        return Optional.ofNullable(alertsStore().get(id));
    }

    /** The latest decision on an alert (every instance holds them all), or null. */
    Decision decision(String alertId) {
        return decisions().get(alertId);
    }

    private ReadOnlyKeyValueStore<String, Decision> decisions() {
        return streams.store(StoreQueryParameters.fromNameAndType(ValidatorStores.DECISIONS, QueryableStoreTypes.keyValueStore()));
    }

    /** The alert as JSON, with where it stands with its reviewers. */
    private static Map<String, Object> withReview(Alert alert, ReadOnlyKeyValueStore<String, Decision> decisions) {
        Map<String, Object> m = new LinkedHashMap<>(AlertJson.toMap(alert));
        Review review = Review.of(alert, Review.decisionFor(alert, decisions::get), LocalDate.now());
        m.put("digest", dev.govwatch.schemas.AlertDigest.of(alert));
        m.put("review", review.status().name());
        m.put("decision", review.decision() == null ? null : DecisionJson.toMap(review.decision()));
        return m;
    }

    /** The report filed under {@code reportKey} ({@link ReportKey}, either form), with its tables and open alerts, if held here. */
    Optional<Map<String, Object>> report(String reportKey) {
        ReportKey key = ReportKey.parse(reportKey);
        if (key.year() == null) {
            return Optional.empty();
        }
        AnnualReport r = reports().get(key.agency() + "#" + key.year());
        if (r == null) {
            return Optional.empty();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agency", agencyOf(r));
        m.put("reportKey", r.getReportKey());
        m.put("year", r.getReportYear());
        m.put("title", r.getTitle());
        m.put("url", r.getSourceUrl());
        m.put("published", r.getPublicationDate() == null ? null : r.getPublicationDate().toString());
        m.put("region", AlertJson.region(r.getRegion()));
        m.put("generation", r.getGeneration().name());
        List<Map<String, Object>> tables = new ArrayList<>();
        for (StatTable t : r.getTables()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("id", t.getId());
            tm.put("columns", t.getColumns());
            // What a person reads in the column heads (自然人, 本年制发件数 …); the keys go into tooltips.
            tm.put("columnLabels", ColumnLabels.of(t.getId()));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (TableRow row : t.getRows()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("key", row.getKey());
                rm.put("label", row.getLabel());
                List<Map<String, Object>> cells = new ArrayList<>();
                for (Cell c : row.getCells()) {
                    Map<String, Object> cm = new LinkedHashMap<>();
                    cm.put("column", c.getColumn());
                    cm.put("raw", c.getRaw());
                    cm.put("kind", c.getKind().name());
                    cells.add(cm);
                }
                rm.put("cells", cells);
                rows.add(rm);
            }
            tm.put("rows", rows);
            tables.add(tm);
        }
        m.put("tables", tables);
        m.put("warnings", r.getWarnings());
        List<Map<String, Object>> alerts = new ArrayList<>();
        ReadOnlyKeyValueStore<String, Decision> decisions = decisions();
        for (Alert a : openAlerts()) {
            if (r.getReportKey().equals(a.getReportKey()) || (agencyOf(r).equals(a.getAgency()) && r.getReportYear().equals(a.getYear()))) {
                alerts.add(withReview(a, decisions));
            }
        }
        m.put("alerts", alerts);
        return Optional.of(m);
    }

    /**
     * One agency's rates, year by year, from what each of its stored reports added to the metrics
     * (the agency's canonical name, as {@code /api/coverage} gives it).
     */
    List<Map<String, Object>> agencyMetrics(String agency) {
        ReadOnlyKeyValueStore<String, dev.govwatch.schemas.MetricCounts> store = streams.store(
                StoreQueryParameters.fromNameAndType(ValidatorStores.CONTRIBUTIONS, QueryableStoreTypes.keyValueStore()));
        String canonical = dev.govwatch.schemas.AgencyIdentity.canonical(agency, null);
        List<Map<String, Object>> years = new ArrayList<>();
        try (KeyValueIterator<String, dev.govwatch.schemas.MetricCounts> it = store.prefixScan(canonical + "#",
                org.apache.kafka.common.serialization.Serdes.String().serializer())) {
            while (it.hasNext()) {
                KeyValue<String, dev.govwatch.schemas.MetricCounts> next = it.next();
                String year = next.key.substring(next.key.lastIndexOf('#') + 1);
                if (!year.matches("\\d{4}")) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("year", Integer.parseInt(year));
                m.put("reports", next.value.getReports());
                m.put("metrics", MetricsView.ratesJson(MetricsView.rates(next.value, 0)));
                years.add(m);
            }
        }
        years.sort(java.util.Comparator.comparing(m -> (Integer) m.get("year")));
        return years;
    }

    /** This instance's sums behind the metrics of {@code year} and {@code level}, as maps. */
    List<Map<String, Object>> metricRows(int year, String level) {
        ReadOnlyKeyValueStore<String, dev.govwatch.schemas.MetricCounts> store = streams.store(
                StoreQueryParameters.fromNameAndType(ValidatorStores.METRICS, QueryableStoreTypes.keyValueStore()));
        return MetricsStore.rows(store, year, level).stream().map(MetricsRows::toMap).toList();
    }

    private ReadOnlyKeyValueStore<String, Alert> alertsStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(ValidatorStores.OPEN_ALERTS, QueryableStoreTypes.keyValueStore()));
    }

    private List<Alert> openAlerts() {
        List<Alert> out = new ArrayList<>();
        try (KeyValueIterator<String, Alert> it = alertsStore().all()) {
            while (it.hasNext()) {
                KeyValue<String, Alert> next = it.next();
                out.add(next.value);
            }
        }
        return out;
    }

    private ReadOnlyKeyValueStore<String, AnnualReport> reports() {
        return streams.store(StoreQueryParameters.fromNameAndType(ValidatorStores.REPORTS, QueryableStoreTypes.keyValueStore()));
    }

    /** The name the validator files a report under (its repartition key). */
    static String agencyOf(AnnualReport r) {
        if (r.getAgency() != null) {
            return r.getAgency();
        }
        return ReportKey.parse(r.getReportKey()).agency();
    }
}
