package dev.govwatch.validator;

import java.time.Instant;
import java.util.Optional;

import dev.govwatch.schemas.AnnualReport;

/**
 * What a rule sees: the report, the same agency's report for the year before (for cross-year
 * rules), the previous version of this very report (for changes after publication), the deadlines
 * and the time of evaluation.
 */
public record ReportContext(ReportFacts current, Optional<ReportFacts> previousYear,
                            Optional<AnnualReport> previousVersion, Deadlines deadlines, Instant now) {

    public static ReportContext of(AnnualReport current, AnnualReport previousYear, AnnualReport previousVersion,
                                   Deadlines deadlines, Instant now) {
        return new ReportContext(new ReportFacts(current), Optional.ofNullable(previousYear).map(ReportFacts::new),
                Optional.ofNullable(previousVersion), deadlines, now);
    }

    public AnnualReport report() {
        return current.report();
    }
}
