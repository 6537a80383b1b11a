package dev.govwatch.extractor.internal;

import java.util.List;

import dev.govwatch.schemas.FormatGeneration;
import dev.govwatch.schemas.template.ReportTemplate;
import dev.govwatch.schemas.template.TemplateRow;

/**
 * The statistics tables as the reader matches them: row specs compiled from the shared
 * {@link ReportTemplate}, which is where rows, labels, cues and columns are defined.
 */
public final class Layouts {

    public static final List<String> T3_COLUMNS = ReportTemplate.T3_COLUMNS;
    public static final List<RowSpec> T3_ROWS = specs(ReportTemplate.T3.rows());

    public static final List<String> T4_GROUPS = ReportTemplate.T4.rows().stream().map(TemplateRow::key).toList();
    public static final List<String> T4_COLUMNS = ReportTemplate.T4_COLUMNS;

    /** A table 三 row: seven cells, the last the sum of the six before (the template's row identity). */
    public static RowAligner t3Row() {
        return new RowAligner(T3_COLUMNS.size(), T3_COLUMNS.size());
    }

    /** Table 四's one printed row: three groups of five, each group's last the sum of its four. */
    public static RowAligner t4Row() {
        return new RowAligner(T4_WIDTH, T4_COLUMNS.size());
    }

    /** Cells in table 四's one printed row. */
    public static final int T4_WIDTH = T4_GROUPS.size() * T4_COLUMNS.size();

    public static final List<RowSpec> T2_ROWS = specs(ReportTemplate.T2_ROWS);
    public static final List<RowSpec> OLD_ROWS = specs(ReportTemplate.OLD.rows());

    public static List<String> t2Columns(String rowKey, FormatGeneration generation) {
        return ReportTemplate.t2Columns(rowKey, generation);
    }

    private static List<RowSpec> specs(List<TemplateRow> rows) {
        java.util.Set<String> parents = rows.stream().map(TemplateRow::parent).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet());
        return rows.stream().map(r -> {
            RowSpec spec = r.after() == null ? RowSpec.of(r.key(), r.label(), r.cue())
                    : RowSpec.after(r.key(), r.label(), r.cue(), r.after());
            return parents.contains(r.key()) ? spec.asGroup() : spec;
        }).toList();
    }

    private Layouts() {
    }
}
