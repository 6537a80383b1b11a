package dev.govwatch.validator.rules;

import java.util.List;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.Severity;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;

/**
 * 内容雷同: the report's own prose (digits masked, boilerplate left out) is near-identical to the
 * agency's previous year, as when a report is last year's with the year changed.
 */
public final class CopiedTextRule extends AbstractRule {

    /** Estimated Jaccard similarity of 4-character shingles at or above which texts count as copied. */
    static final double THRESHOLD = 0.85;

    public CopiedTextRule() {
        super("COPIED_TEXT", AlertCategory.DUPLICATE, Severity.WARNING,
                "the report's prose is not near-identical to last year's (digits masked, boilerplate excluded)");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        if (context.previousYear().isEmpty()) {
            return List.of();
        }
        List<Long> now = context.report().getTextSignature();
        List<Long> before = context.previousYear().get().report().getTextSignature();
        double similarity = similarity(now, before);
        if (similarity < THRESHOLD) {
            return List.of();
        }
        int year = context.report().getReportYear();
        return List.of(Finding.of("text", String.format("%d年报告正文与%d年报告高度雷同（相似度约 %.0f%%，已排除数字与套话）",
                        year, year - 1, similarity * 100),
                Finding.at("text", "与上年不同", String.format("相似度 %.2f", similarity))));
    }

    /** Share of equal MinHash positions, an estimate of the Jaccard similarity. */
    static double similarity(List<Long> a, List<Long> b) {
        if (a.isEmpty() || a.size() != b.size()) {
            return 0;
        }
        int equal = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).equals(b.get(i))) {
                equal++;
            }
        }
        return (double) equal / a.size();
    }
}
