package dev.govwatch.validator;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.state.KeyValueStore;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertJson;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.ReportPlacement;
import dev.govwatch.schemas.CoverageCell;

/**
 * The coverage grid (agency × year: on time, late, missing, blocked, with its open problems), kept
 * in a store as reports and alert changes arrive, so that {@code /api/coverage} and the dashboard's
 * summary read cells instead of rebuilding them from every report and alert on each request.
 * Cells are keyed {@code agency#year}, the agency as the report prints it or the alert names it.
 */
public final class CoverageGrid {

    /** Coverage states, worst first: a cell shows the worst that applies. */
    public static final List<String> STATES = List.of("MISSING", "BLOCKED", "LATE", "ON_TIME");

    private final KeyValueStore<String, CoverageCell> cells;

    CoverageGrid(KeyValueStore<String, CoverageCell> cells) {
        this.cells = cells;
    }

    void reported(AnnualReport report) {
        if (report.getReportYear() == null) {
            return;
        }
        String agency = ReportPlacement.nameOf(report);
        CoverageCell cell = cell(agency, report.getReportYear());
        cell.setReportKey(report.getReportKey());
        cell.setUrl(report.getSourceUrl());
        cell.setPublished(report.getPublicationDate() == null ? null : report.getPublicationDate().toString());
        cell.setRegion(report.getRegion());
        cells.put(key(agency, report.getReportYear()), cell);
    }

    void alertChanged(Alert alert) {
        if (alert.getAgency() == null || alert.getYear() == null) {
            return;
        }
        CoverageCell cell = cell(alert.getAgency(), alert.getYear());
        Map<String, String> open = new HashMap<>(cell.getOpenAlerts());
        if (alert.getStatus() == AlertStatus.OPEN) {
            open.put(alert.getId(), alert.getCategory().name());
        } else {
            open.remove(alert.getId());
        }
        cell.setOpenAlerts(open);
        if (cell.getRegion() == null && alert.getRegion() != null) {
            cell.setRegion(alert.getRegion());
        }
        if (cell.getReportKey() == null && open.isEmpty()) {
            cells.delete(key(alert.getAgency(), alert.getYear()));
        } else {
            cells.put(key(alert.getAgency(), alert.getYear()), cell);
        }
    }

    private CoverageCell cell(String agency, int year) {
        CoverageCell cell = cells.get(key(agency, year));
        return cell != null ? cell : CoverageCell.newBuilder().setAgency(agency).setYear(year).setOpenAlerts(new HashMap<>()).build();
    }

    static String key(String agency, int year) {
        return agency + "#" + year;
    }

    /**
     * A cell as the query API gives it, or null when it has no state (an agency whose only open
     * alerts are of other kinds and that has no report yet): ON_TIME once a report is in, else the
     * worst of its open MISSING, BLOCKED and LATE alerts; problems are the other open alerts, LATE included.
     */
    public static Map<String, Object> json(CoverageCell cell) {
        String status = cell.getReportKey() != null ? "ON_TIME" : null;
        int problems = 0;
        for (String category : cell.getOpenAlerts().values()) {
            String state = switch (category) {
                case "MISSING", "BLOCKED", "LATE" -> category;
                default -> null;
            };
            if (state != null && (status == null || STATES.indexOf(state) < STATES.indexOf(status))) {
                status = state;
            }
            if (state == null || state.equals("LATE")) {
                problems++;
            }
        }
        if (status == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agency", cell.getAgency());
        m.put("year", cell.getYear());
        m.put("status", status);
        m.put("problems", problems);
        m.put("region", AlertJson.region(cell.getRegion()));
        if (cell.getReportKey() != null) {
            m.put("url", cell.getUrl());
            m.put("reportKey", cell.getReportKey());
            m.put("published", cell.getPublished());
        }
        return m;
    }
}
