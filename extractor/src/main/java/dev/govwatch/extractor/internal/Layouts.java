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

    public static final List<RowSpec> T2_ROWS = specs(ReportTemplate.T2_ROWS);
    public static final List<RowSpec> OLD_ROWS = specs(ReportTemplate.OLD.rows());

    public static List<String> t2Columns(String rowKey, FormatGeneration generation) {
        return ReportTemplate.t2Columns(rowKey, generation);
    }

    private static List<RowSpec> specs(List<TemplateRow> rows) {
        return rows.stream().map(r -> r.after() == null ? RowSpec.of(r.key(), r.label(), r.cue())
                : RowSpec.after(r.key(), r.label(), r.cue(), r.after())).toList();
    }

    private Layouts() {
    }
}
