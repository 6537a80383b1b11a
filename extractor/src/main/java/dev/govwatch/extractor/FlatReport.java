package dev.govwatch.extractor;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.FormatGeneration;
import dev.govwatch.schemas.StatTable;
import dev.govwatch.schemas.TableRow;

/**
 * A report as one flat map of the figures people compare (what {@code govwatch extract --flat}
 * prints): fixed keys first, null where the report gives nothing, then every cell of table 三 as
 * {@code apps.<row>.<column>}.
 */
public final class FlatReport {

    private FlatReport() {
    }

    public static Map<String, Object> of(AnnualReport report) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("agency", report.getAgency());
        flat.put("region", regionName(report));
        flat.put("level", report.getLevel().name());
        flat.put("year", report.getReportYear());
        flat.put("format", format(report.getGeneration()));
        flat.put("published", report.getPublicationDate() == null ? null : report.getPublicationDate().toString());
        flat.put("title", report.getTitle());
        flat.put("url", report.getSourceUrl());
        Map<String, Double> cells = cells(report);
        for (String row : new String[] {"apps.new", "apps.carriedIn", "apps.granted", "apps.partial", "apps.results", "apps.carriedOut"}) {
            flat.put(row + ".total", number(cells.get(row + ".total")));
        }
        flat.put("review.reconsideration.total", number(cells.get("review.reconsideration.total")));
        Double direct = cells.get("review.litigationDirect.total");
        Double afterReview = cells.get("review.litigationAfterReview.total");
        Double litigation = direct != null && afterReview != null ? Double.valueOf(direct + afterReview)
                : cells.get("review.litigation.total");
        flat.put("review.litigation.total", number(litigation));
        for (StatTable table : report.getTables()) {
            if (!table.getId().equals("T3")) {
                continue;
            }
            for (TableRow row : table.getRows()) {
                for (Cell cell : row.getCells()) {
                    flat.put(row.getKey() + "." + cell.getColumn(), number(cell.getValue()));
                }
            }
        }
        flat.put("warnings", report.getWarnings());
        return flat;
    }

    /** {@code F2019}-style names, as users know the templates. */
    public static String format(FormatGeneration generation) {
        return switch (generation) {
            case PRE_2019 -> "PRE_2019";
            case GEN_2019 -> "F2019";
            case GEN_2021 -> "F2021";
            default -> null;
        };
    }

    private static Map<String, Double> cells(AnnualReport report) {
        Map<String, Double> cells = new LinkedHashMap<>();
        for (StatTable table : report.getTables()) {
            for (TableRow row : table.getRows()) {
                for (Cell cell : row.getCells()) {
                    cells.putIfAbsent(row.getKey() + "." + cell.getColumn(), cell.getValue());
                }
            }
        }
        return cells;
    }

    /** Integral figures print as integers, amounts keep their decimals. */
    private static Number number(Double value) {
        if (value == null) {
            return null;
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Number) value.longValue() : value;
    }

    private static String regionName(AnnualReport report) {
        StringBuilder sb = new StringBuilder();
        if (report.getRegion().getProvince() != null) {
            sb.append(report.getRegion().getProvince());
        }
        if (report.getRegion().getPrefecture() != null) {
            sb.append(report.getRegion().getPrefecture());
        }
        if (report.getRegion().getCounty() != null) {
            sb.append(report.getRegion().getCounty());
        }
        return sb.isEmpty() ? null : sb.toString();
    }
}
