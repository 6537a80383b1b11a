package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.StatTable;
import dev.govwatch.schemas.TableRow;
import dev.govwatch.schemas.UnreadCell;
import dev.govwatch.schemas.template.ReportTemplate;
import dev.govwatch.schemas.template.TemplateRow;
import dev.govwatch.schemas.template.TemplateTable;

/**
 * The template cells a report's tables 二, 三 and 四 leave unread: every required row that was not
 * found, and every UNCERTAIN cell. A table that is absent altogether is not listed cell by cell
 * (the validator reports the missing table).
 */
public final class UnreadCells {

    private UnreadCells() {
    }

    public static List<UnreadCell> of(List<StatTable> tables) {
        List<UnreadCell> unread = new ArrayList<>();
        for (StatTable table : tables) {
            if (table.getId().equals("T2")) {
                // Table 二's rows vary by agency, so none is required; a row that was found is read or named.
                for (TableRow row : table.getRows()) {
                    uncertain("T2", row, column -> "表二" + row.getLabel() + " "
                            + ReportTemplate.T2_COLUMN_NAMES.getOrDefault(column, column), unread);
                }
                continue;
            }
            TemplateTable template = switch (table.getId()) {
                case "T3" -> ReportTemplate.T3;
                case "T4" -> ReportTemplate.T4;
                default -> null;
            };
            if (template == null) {
                continue;
            }
            Map<String, TableRow> rows = new HashMap<>();
            table.getRows().forEach(r -> rows.put(r.getKey(), r));
            for (TemplateRow row : template.rows()) {
                TableRow printed = rows.get(row.key());
                if (printed == null) {
                    if (required(template, row, rows)) {
                        unread.add(UnreadCell.newBuilder().setTable(template.id()).setRow(row.key()).setColumn(null)
                                .setLabel(template.describe(row.key(), null)).setReason("未找到该行").build());
                    }
                    continue;
                }
                uncertain(template.id(), printed, column -> template.describe(row.key(), column), unread);
            }
        }
        return unread;
    }

    /** Names the row's UNCERTAIN cells, their candidates or doubt as the reason. */
    private static void uncertain(String table, TableRow row, java.util.function.Function<String, String> label,
                                  List<UnreadCell> unread) {
        for (Cell cell : row.getCells()) {
            if (cell.getKind() == CellKind.UNCERTAIN) {
                unread.add(UnreadCell.newBuilder().setTable(table).setRow(row.getKey()).setColumn(cell.getColumn())
                        .setLabel(label.apply(cell.getColumn()))
                        .setReason(cell.getRaw() == null ? "无法确定" : cell.getRaw()).build());
            }
        }
    }

    /**
     * Whether the report must print the row. （六）其他处理 is one row in 2019 and three in 2021 (and
     * some 2021+ reports keep the one row): either form is complete.
     */
    private static boolean required(TemplateTable template, TemplateRow row, Map<String, TableRow> printed) {
        if (!row.required()) {
            return ReportTemplate.stands(template, row.key())
                    && template.children(row.key()).stream().noneMatch(c -> printed.containsKey(c.key()));
        }
        if (row.parent() != null && ReportTemplate.stands(template, row.parent())) {
            return template.children(row.parent()).stream().anyMatch(c -> printed.containsKey(c.key()));
        }
        return true;
    }
}
