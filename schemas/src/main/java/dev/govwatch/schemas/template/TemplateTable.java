package dev.govwatch.schemas.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A statistics table of one template generation: its rows and columns. Rows are indexed by key and
 * by parent when the table is built: the validator's identity rule looks up a group's rows for every
 * derived cell of every report (the extractor's unread-cell check for every row), and a scan of the
 * rows for each was most of the identity rule's time under replay.
 */
public final class TemplateTable {

    private final String id;
    private final String name;
    private final List<String> columns;
    private final Map<String, String> columnNames;
    private final List<TemplateRow> rows;
    private final Map<String, TemplateRow> byKey = new HashMap<>();
    private final Map<String, List<TemplateRow>> byParent;

    /**
     * @param id          'T2', 'T3', 'T4' or 'OLD'
     * @param name        as a county office names it (表三)
     * @param columns     column keys, in printed order
     * @param columnNames column key → printed header
     * @param rows        rows in printed order
     */
    public TemplateTable(String id, String name, List<String> columns, Map<String, String> columnNames, List<TemplateRow> rows) {
        this.id = id;
        this.name = name;
        this.columns = List.copyOf(columns);
        this.columnNames = columnNames;
        this.rows = List.copyOf(rows);
        Map<String, List<TemplateRow>> children = new HashMap<>();
        for (TemplateRow row : this.rows) {
            byKey.putIfAbsent(row.key(), row);
            if (row.parent() != null) {
                children.computeIfAbsent(row.parent(), k -> new ArrayList<>()).add(row);
            }
        }
        children.replaceAll((parent, list) -> List.copyOf(list));
        this.byParent = Map.copyOf(children);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public List<String> columns() {
        return columns;
    }

    public Map<String, String> columnNames() {
        return columnNames;
    }

    public List<TemplateRow> rows() {
        return rows;
    }

    public Optional<TemplateRow> row(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Rows whose parent is {@code key}, in printed order. */
    public List<TemplateRow> children(String key) {
        return byParent.getOrDefault(key, List.of());
    }

    /** The cell as a county office names it, e.g. 表三（一）予以公开 自然人. */
    public String describe(String rowKey, String column) {
        String label = row(rowKey).map(TemplateRow::label).orElse(rowKey);
        String col = column == null ? "" : " " + columnNames.getOrDefault(column, column);
        return name + label + col;
    }

    @Override
    public String toString() {
        return "TemplateTable[" + id + " " + name + ", " + rows.size() + " rows]";
    }
}
