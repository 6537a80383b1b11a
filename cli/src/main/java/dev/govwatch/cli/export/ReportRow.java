package dev.govwatch.cli.export;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import dev.govwatch.extractor.FlatReport;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.StatTable;
import dev.govwatch.schemas.TableRow;

/**
 * One report as one export row, in {@link ReportColumns} order. A cell's column holds its number,
 * or nothing: for a blank, a text or an unread cell alike, as {@code govwatch extract --flat} gives
 * it; {@code unread_cells} says which empty columns are unread rather than blank.
 */
public final class ReportRow {

    private ReportRow() {
    }

    public static Map<String, Object> of(AnnualReport report) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Column c : ReportColumns.all()) {
            row.put(c.name(), null);
        }
        Region region = report.getRegion();
        row.put("report_key", report.getReportKey());
        row.put("agency", report.getAgency());
        row.put("level", report.getLevel().name());
        row.put("year", report.getReportYear() == null ? null : report.getReportYear().longValue());
        if (region != null) {
            row.put("region_code", region.getCode());
            row.put("province", region.getProvince());
            row.put("prefecture", region.getPrefecture());
            row.put("county", region.getCounty());
        }
        row.put("format", FlatReport.format(report.getGeneration()));
        row.put("read_by", report.getReadBy().name());
        row.put("published", report.getPublicationDate() == null ? null : report.getPublicationDate().toString());
        row.put("url", report.getSourceUrl());
        row.put("portal_id", report.getPortalId());
        row.put("title", report.getTitle());
        row.put("extractor_version", report.getExtractorVersion());
        row.put("unread_cells", report.getUnreadCells().isEmpty() ? null : report.getUnreadCells().stream()
                .map(u -> u.getTable() + "/" + u.getRow() + (u.getColumn() == null ? "" : "/" + u.getColumn()))
                .collect(Collectors.joining("; ")));
        row.put("warnings", (long) report.getWarnings().size());
        for (StatTable table : report.getTables()) {
            for (TableRow r : table.getRows()) {
                for (Cell cell : r.getCells()) {
                    String name = ReportColumns.cellColumn(table.getId(), r.getKey(), cell.getColumn());
                    // A cell outside the templates (a row a report invented) has no column: the export's columns stay fixed.
                    if (row.containsKey(name) && row.get(name) == null && cell.getKind() == CellKind.NUMBER) {
                        row.put(name, cell.getValue());
                    }
                }
            }
        }
        return row;
    }
}
