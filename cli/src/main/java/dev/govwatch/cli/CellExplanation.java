package dev.govwatch.cli;

import java.util.ArrayList;
import java.util.List;

import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.CellSource;
import dev.govwatch.schemas.StatTable;
import dev.govwatch.schemas.TableRow;
import dev.govwatch.schemas.UnreadCell;
import dev.govwatch.schemas.template.ReportTemplate;
import dev.govwatch.schemas.template.TemplateTable;

/**
 * What {@code govwatch extract --explain} prints: every table cell with its value, the text it came
 * from and how it was decided (printed, realigned, split by arithmetic, unread), then the template
 * cells that were not found at all and the extractor's warnings.
 */
final class CellExplanation {

    private CellExplanation() {
    }

    static List<String> lines(AnnualReport report) {
        List<String> out = new ArrayList<>();
        out.add(String.format("%s %s年度报告 (%s, %s) — %s", report.getAgency(), report.getReportYear(), report.getGeneration(),
                report.getLevel(), report.getSourceUrl()));
        for (StatTable table : report.getTables()) {
            TemplateTable template = ReportTemplate.table(table.getId()).orElse(null);
            String name = template == null ? "表二" : template.name();
            for (TableRow row : table.getRows()) {
                out.add(String.format("%s %s  (label printed as “%s”)", name, row.getKey(), row.getLabel()));
                if (row.getCells().stream().anyMatch(c -> c.getSource() == CellSource.SPLIT_BY_ARITHMETIC)) {
                    StringBuilder run = new StringBuilder();
                    row.getCells().forEach(c -> run.append(c.getRaw()));
                    out.add("    figures printed run together: " + run);
                }
                for (Cell cell : row.getCells()) {
                    String column = template == null ? cell.getColumn()
                            : template.columnNames().getOrDefault(cell.getColumn(), cell.getColumn());
                    out.add(String.format("    %-8s %-10s %-20s from “%s”", column, value(cell), how(cell),
                            cell.getRaw() == null ? "" : cell.getRaw()));
                }
            }
        }
        List<UnreadCell> missing = report.getUnreadCells().stream().filter(u -> u.getColumn() == null).toList();
        for (UnreadCell u : missing) {
            out.add("not found: " + u.getLabel() + " (" + u.getReason() + ")");
        }
        out.add(String.format("%d cells, %d unread", report.getTables().stream().mapToInt(t -> t.getRows().stream()
                .mapToInt(r -> r.getCells().size()).sum()).sum(), report.getUnreadCells().size()));
        for (String warning : report.getWarnings()) {
            out.add("warning: " + warning);
        }
        return out;
    }

    private static String value(Cell cell) {
        return switch (cell.getKind()) {
            case NUMBER -> dev.govwatch.validator.ReportFacts.show(cell.getValue());
            case BLANK -> "(blank)";
            case NOT_APPLICABLE -> "(n/a)";
            case TEXT -> "(text)";
            default -> "?";
        };
    }

    private static String how(Cell cell) {
        if (cell.getKind() == CellKind.UNCERTAIN) {
            return "UNREAD";
        }
        return switch (cell.getSource()) {
            case PRINTED -> "printed";
            case REALIGNED -> "realigned";
            case SPLIT_BY_ARITHMETIC -> "split by arithmetic";
            case FROM_PROSE -> "from prose";
            case UNREAD -> "UNREAD";
            case OCR -> "OCR " + confidence(cell);
            case OCR_CONFIRMED -> "OCR " + confidence(cell) + ", confirmed by arithmetic";
        };
    }

    private static String confidence(Cell cell) {
        return cell.getConfidence() == null ? "" : Math.round(cell.getConfidence() * 100) + "%";
    }
}
