package dev.govwatch.extractor.internal;

import java.util.List;

/**
 * A table row as read: where its label was, the label as printed, and one cell per column.
 *
 * @param key     canonical row key
 * @param label   label as printed
 * @param columns column keys, same size as cells
 * @param cells   the cells
 */
public record ParsedRow(String key, String label, List<String> columns, List<CellValue> cells) {

    public CellValue cell(String column) {
        int i = columns.indexOf(column);
        return i < 0 ? null : cells.get(i);
    }
}
