package dev.govwatch.extractor.internal;

import java.util.List;

/**
 * A table row as read: where its label was, the label as printed, and one cell per column.
 *
 * @param key     canonical row key
 * @param label   label as printed
 * @param columns column keys, same size as cells
 * @param cells   the cells
 * @param splits  when the row's figures were run together and more than one split fits the row's
 *                arithmetic: every such split (the table decides among them); else empty
 */
public record ParsedRow(String key, String label, List<String> columns, List<CellValue> cells, List<long[]> splits) {

    public ParsedRow(String key, String label, List<String> columns, List<CellValue> cells) {
        this(key, label, columns, cells, List.of());
    }

    public CellValue cell(String column) {
        int i = columns.indexOf(column);
        return i < 0 ? null : cells.get(i);
    }
}
