package dev.govwatch.validator.query;

import java.util.Map;

import dev.govwatch.schemas.template.ReportTemplate;

/** A table's column heads as the template prints them, by column key (naturalPerson → 自然人). */
final class ColumnLabels {

    private ColumnLabels() {
    }

    static Map<String, String> of(String tableId) {
        if (tableId.equals("T2")) {
            return ReportTemplate.T2_COLUMN_NAMES;
        }
        return ReportTemplate.table(tableId).map(t -> t.columnNames()).orElse(Map.of());
    }
}
