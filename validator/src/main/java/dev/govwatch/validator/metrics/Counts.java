package dev.govwatch.validator.metrics;

import dev.govwatch.schemas.MetricCounts;

/** Adding {@link MetricCounts}: the place fields of the first, every count summed. */
public final class Counts {

    private Counts() {
    }

    /** {@code base} + {@code sign} × {@code delta}, as a new record ({@code base} is left as it was). */
    public static MetricCounts add(MetricCounts base, MetricCounts delta, int sign) {
        MetricCounts out = MetricCounts.newBuilder(base).build();
        out.setReports(base.getReports() + sign * delta.getReports());
        out.setRequestsDecided(base.getRequestsDecided() + sign * delta.getRequestsDecided());
        out.setGranted(base.getGranted() + sign * delta.getGranted());
        out.setRequestsWithheldBase(base.getRequestsWithheldBase() + sign * delta.getRequestsWithheldBase());
        out.setWithheld(base.getWithheld() + sign * delta.getWithheld());
        out.setRequestsUnableBase(base.getRequestsUnableBase() + sign * delta.getRequestsUnableBase());
        out.setUnable(base.getUnable() + sign * delta.getUnable());
        out.setRequestsOnHand(base.getRequestsOnHand() + sign * delta.getRequestsOnHand());
        out.setCarriedOut(base.getCarriedOut() + sign * delta.getCarriedOut());
        out.setReconsiderations(base.getReconsiderations() + sign * delta.getReconsiderations());
        out.setReconsiderationsCorrected(base.getReconsiderationsCorrected() + sign * delta.getReconsiderationsCorrected());
        out.setLawsuits(base.getLawsuits() + sign * delta.getLawsuits());
        out.setLawsuitsCorrected(base.getLawsuitsCorrected() + sign * delta.getLawsuitsCorrected());
        out.setReportsWithDeadline(base.getReportsWithDeadline() + sign * delta.getReportsWithDeadline());
        out.setPublishedOnTime(base.getPublishedOnTime() + sign * delta.getPublishedOnTime());
        return out;
    }
}
