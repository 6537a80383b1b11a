package dev.govwatch.validator.metrics;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.FormatGeneration;
import dev.govwatch.schemas.MetricCounts;
import dev.govwatch.validator.Deadlines;
import dev.govwatch.validator.ReportFacts;

/**
 * What one report adds to the sums behind the metrics. A rate takes a report in only where both its
 * numerator and its denominator were read: an unread cell must not count as 0 (a report whose
 * 予以公开 could not be read would otherwise lower its county's 实质公开率). Only reports on the
 * 2019 and 2021 templates carry the table-三 and table-四 figures; an older report counts as a
 * report and for its publication date.
 */
public final class ReportContribution {

    private static final String T3 = "T3";
    private static final String T4 = "T4";
    private static final String TOTAL = "total";

    private ReportContribution() {
    }

    /** The counts of {@code report} alone, placed nowhere yet (place fields left empty). */
    public static MetricCounts of(AnnualReport report, Deadlines deadlines) {
        MetricCounts c = MetricsStore.empty("", null, "", null);
        c.setReports(1);
        LocalDate published = report.getPublicationDate();
        if (published != null && report.getReportYear() != null) {
            Optional<LocalDate> deadline = deadlines.deadline(report.getLevel(), report.getReportYear(), report.getRegion());
            if (deadline.isPresent()) {
                c.setReportsWithDeadline(1);
                c.setPublishedOnTime(published.isAfter(deadline.get()) ? 0 : 1);
            }
        }
        if (report.getGeneration() != FormatGeneration.GEN_2019 && report.getGeneration() != FormatGeneration.GEN_2021) {
            return c;
        }
        ReportFacts facts = new ReportFacts(report);
        Optional<Double> decided = t3(facts, "apps.results");
        Optional<Double> granted = t3(facts, "apps.granted");
        Optional<Double> partial = t3(facts, "apps.partial");
        if (decided.isPresent() && granted.isPresent() && partial.isPresent()) {
            c.setRequestsDecided(whole(decided.get()));
            c.setGranted(whole(granted.get() + partial.get()));
        }
        Optional<Double> withheld = group(facts, "apps.withheld");
        if (decided.isPresent() && withheld.isPresent()) {
            c.setRequestsWithheldBase(whole(decided.get()));
            c.setWithheld(whole(withheld.get()));
        }
        Optional<Double> unable = group(facts, "apps.unable");
        if (decided.isPresent() && unable.isPresent()) {
            c.setRequestsUnableBase(whole(decided.get()));
            c.setUnable(whole(unable.get()));
        }
        Optional<Double> received = t3(facts, "apps.new");
        Optional<Double> carriedIn = t3(facts, "apps.carriedIn");
        Optional<Double> carriedOut = t3(facts, "apps.carriedOut");
        if (received.isPresent() && carriedIn.isPresent() && carriedOut.isPresent()) {
            c.setRequestsOnHand(whole(received.get() + carriedIn.get()));
            c.setCarriedOut(whole(carriedOut.get()));
        }
        Optional<Double> reviews = facts.summand(T4, "review.reconsideration", TOTAL);
        Optional<Double> reviewsCorrected = facts.summand(T4, "review.reconsideration", "corrected");
        if (reviews.isPresent() && reviewsCorrected.isPresent()) {
            c.setReconsiderations(whole(reviews.get()));
            c.setReconsiderationsCorrected(whole(reviewsCorrected.get()));
        }
        long suits = 0;
        long suitsCorrected = 0;
        boolean read = true;
        for (String group : List.of("review.litigationDirect", "review.litigationAfterReview")) {
            Optional<Double> total = facts.summand(T4, group, TOTAL);
            Optional<Double> corrected = facts.summand(T4, group, "corrected");
            read &= total.isPresent() && corrected.isPresent();
            suits += total.map(ReportContribution::whole).orElse(0L);
            suitsCorrected += corrected.map(ReportContribution::whole).orElse(0L);
        }
        if (read) {
            c.setLawsuits(suits);
            c.setLawsuitsCorrected(suitsCorrected);
        }
        return c;
    }

    private static Optional<Double> t3(ReportFacts facts, String row) {
        return facts.summand(T3, row, TOTAL);
    }

    /**
     * A result group's total: its own row where the template prints one, else the sum of its
     * sub-rows, every one of which must be read (the 2021 template prints 不予公开 only as its eight reasons).
     */
    private static Optional<Double> group(ReportFacts facts, String group) {
        if (facts.hasRow(T3, group)) {
            return t3(facts, group);
        }
        double sum = 0;
        boolean any = false;
        for (var table : facts.report().getTables()) {
            if (!table.getId().equals(T3)) {
                continue;
            }
            for (var row : table.getRows()) {
                if (row.getKey().startsWith(group + ".")) {
                    Optional<Double> v = t3(facts, row.getKey());
                    if (v.isEmpty()) {
                        return Optional.empty();
                    }
                    sum += v.get();
                    any = true;
                }
            }
        }
        return any ? Optional.of(sum) : Optional.empty();
    }

    private static long whole(double v) {
        return Math.round(v);
    }
}
