package dev.govwatch.extractor.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.CellSource;
import dev.govwatch.schemas.QuotedFigure;
import dev.govwatch.schemas.template.ReportTemplate;

/**
 * The statistics of a pre-2019 report that has no statistics table, read from its prose: counts
 * stated in sentences, in digits, in Chinese numerals or as zeros in words. Each becomes a row of
 * the old table with the sentence as its raw text and {@link CellSource#FROM_PROSE} as its source,
 * so that the figures are there for comparisons and their provenance is plain.
 */
public final class ProseTable {

    /** Figure kind → row of the old statistics table. */
    private static final Map<String, String> ROWS = Map.of(
            "ACTIVE_DISCLOSURES", "active.published",
            "APPLICATIONS_RECEIVED", "apps.new",
            "RECONSIDERATIONS", "review.reconsideration",
            "LITIGATIONS", "review.litigation",
            "FEES", "fees");

    private ProseTable() {
    }

    /** Rows by key, in the template's order; the first figure of each kind (the summary sentence). */
    public static Map<String, ParsedRow> of(List<QuotedFigure> figures) {
        Map<String, QuotedFigure> first = new LinkedHashMap<>();
        for (QuotedFigure f : figures) {
            String row = ROWS.get(f.getKind());
            if (row != null) {
                first.putIfAbsent(row, f);
            }
        }
        Map<String, ParsedRow> rows = new LinkedHashMap<>();
        ReportTemplate.OLD.rows().forEach(template -> {
            QuotedFigure f = first.get(template.key());
            if (f != null) {
                rows.put(template.key(), new ParsedRow(template.key(), template.label(), List.of("total"),
                        List.of(new CellValue(CellKind.NUMBER, f.getValue(), f.getSentence(), CellSource.FROM_PROSE))));
            }
        });
        return rows;
    }
}
