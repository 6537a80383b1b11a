package dev.govwatch.cli.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.Decision;
import dev.govwatch.schemas.Region;

/** The columns of an alert export, and one alert (with the decision on it, if any) as a row. */
public final class AlertColumns {

    public static final List<Column> ALL = List.of(
            new Column("id", Column.Type.STRING, "alert id, stable across re-extraction"),
            new Column("rule", Column.Type.STRING, "rule that raised it"),
            new Column("category", Column.Type.STRING, "MISSING, LATE, INCONSISTENT, INCOMPLETE …"),
            new Column("severity", Column.Type.STRING, "INFO, WARNING or ERROR"),
            new Column("status", Column.Type.STRING, "OPEN or RESOLVED"),
            new Column("agency", Column.Type.STRING, "agency"),
            new Column("year", Column.Type.LONG, "report year"),
            new Column("region_code", Column.Type.STRING, "6-digit 行政区划代码"),
            new Column("province", Column.Type.STRING, "省"),
            new Column("prefecture", Column.Type.STRING, "市"),
            new Column("county", Column.Type.STRING, "县"),
            new Column("report_key", Column.Type.STRING, "report it is about"),
            new Column("url", Column.Type.STRING, "report's page"),
            new Column("message", Column.Type.STRING, "what is wrong"),
            new Column("raised_at", Column.Type.STRING, "ISO-8601 instant"),
            new Column("updated_at", Column.Type.STRING, "ISO-8601 instant"),
            new Column("verdict", Column.Type.STRING, "the reviewers' decision: CONFIRMED, DISMISSED, SNOOZED, WITHDRAWN"),
            new Column("reason", Column.Type.STRING, "why, as the reviewer wrote it"),
            new Column("reviewer", Column.Type.STRING, "who decided"),
            new Column("decided_at", Column.Type.STRING, "ISO-8601 instant"));

    private AlertColumns() {
    }

    public static Map<String, Object> row(Alert alert, Decision decision) {
        Map<String, Object> row = new LinkedHashMap<>();
        Region region = alert.getRegion();
        row.put("id", alert.getId());
        row.put("rule", alert.getRule());
        row.put("category", alert.getCategory().name());
        row.put("severity", alert.getSeverity().name());
        row.put("status", alert.getStatus().name());
        row.put("agency", alert.getAgency());
        row.put("year", alert.getYear() == null ? null : alert.getYear().longValue());
        row.put("region_code", region == null ? null : region.getCode());
        row.put("province", region == null ? null : region.getProvince());
        row.put("prefecture", region == null ? null : region.getPrefecture());
        row.put("county", region == null ? null : region.getCounty());
        row.put("report_key", alert.getReportKey());
        row.put("url", alert.getUrl());
        row.put("message", alert.getMessage());
        row.put("raised_at", alert.getRaisedAt() == null ? null : alert.getRaisedAt().toString());
        row.put("updated_at", alert.getUpdatedAt() == null ? null : alert.getUpdatedAt().toString());
        row.put("verdict", decision == null ? null : decision.getVerdict().name());
        row.put("reason", decision == null ? null : decision.getReason());
        row.put("reviewer", decision == null ? null : decision.getReviewer());
        row.put("decided_at", decision == null || decision.getDecidedAt() == null ? null : decision.getDecidedAt().toString());
        return row;
    }
}
