package dev.govwatch.extractor.internal;

import java.util.List;

/**
 * A table row as read: where its label was, the label as printed, and one cell per column.
 *
 * @param key     canonical row key
 * @param label   label as printed
 * @param columns column keys, same size as cells
 * @param cells   the cells
 * @param splits  when more than one reading fits the row's arithmetic (figures run together, or cells
 *                dropped): every such reading, for {@link TableFit} to decide among; else empty
 * @param decided how a cell decided among the splits is marked (split by arithmetic, realigned)
 */
public record ParsedRow(String key, String label, List<String> columns, List<CellValue> cells, List<long[]> splits,
                        dev.govwatch.schemas.CellSource decided) {

    public ParsedRow(String key, String label, List<String> columns, List<CellValue> cells) {
        this(key, label, columns, cells, List.of(), dev.govwatch.schemas.CellSource.PRINTED);
    }

    public CellValue cell(String column) {
        int i = columns.indexOf(column);
        return i < 0 ? null : cells.get(i);
    }
}
