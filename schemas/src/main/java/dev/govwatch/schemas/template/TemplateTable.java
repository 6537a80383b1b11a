package dev.govwatch.schemas.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A statistics table of one template generation: its rows and columns.
 *
 * @param id          'T2', 'T3', 'T4' or 'OLD'
 * @param name        as a county office names it (表三)
 * @param columns     column keys, in printed order
 * @param columnNames column key → printed header
 * @param rows        rows in printed order
 */
public record TemplateTable(String id, String name, List<String> columns, Map<String, String> columnNames,
                            List<TemplateRow> rows) {

    public Optional<TemplateRow> row(String key) {
        return rows.stream().filter(r -> r.key().equals(key)).findFirst();
    }

    /** Rows whose parent is {@code key}. */
    public List<TemplateRow> children(String key) {
        return rows.stream().filter(r -> key.equals(r.parent())).toList();
    }

    /** The cell as a county office names it, e.g. 表三（一）予以公开 自然人. */
    public String describe(String rowKey, String column) {
        String label = row(rowKey).map(TemplateRow::label).orElse(rowKey);
        String col = column == null ? "" : " " + columnNames.getOrDefault(column, column);
        return name + label + col;
    }
}
