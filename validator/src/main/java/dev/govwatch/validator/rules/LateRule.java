package dev.govwatch.validator.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Severity;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;

/** Published after the deadline for the agency's level and year (see {@link dev.govwatch.validator.Deadlines}). */
public final class LateRule extends AbstractRule {

    public LateRule() {
        super("LATE", AlertCategory.LATE, Severity.WARNING,
                "published by the deadline: Y+1-01-31 for departments, Y+1-03-31 for governments (Y ≤ 2018: all by 03-31)");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        AnnualReport r = context.report();
        if (r.getReportYear() == null || r.getPublicationDate() == null) {
            return List.of();
        }
        Optional<LocalDate> deadline = context.deadlines().deadline(r.getLevel(), r.getReportYear(), r.getRegion());
        if (deadline.isEmpty() || !r.getPublicationDate().isAfter(deadline.get())) {
            return List.of();
        }
        long days = deadline.get().until(r.getPublicationDate(), java.time.temporal.ChronoUnit.DAYS);
        return List.of(Finding.of("published", String.format("%d年度报告于 %s 发布，晚于规定期限 %s（逾期 %d 天）",
                        r.getReportYear(), r.getPublicationDate(), deadline.get(), days),
                Finding.at("publicationDate", "不晚于 " + deadline.get(), r.getPublicationDate().toString())));
    }
}
