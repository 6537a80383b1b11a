package dev.govwatch.schemas;

import java.time.LocalDate;

/**
 * Where an alert stands with its reviewers: the latest decision on it, read against the alert as it
 * is now. A decision made on other evidence (the figures changed since) is kept but counts for
 * nothing until someone looks again, and a snooze counts only until its date.
 *
 * @param status   the effective state
 * @param decision the latest decision, or null
 */
public record Review(Status status, Decision decision) {

    /** The effective review state of an alert. */
    public enum Status {
        /** Nobody has decided, or the decision was withdrawn. */
        UNDECIDED,
        CONFIRMED,
        DISMISSED,
        /** Set aside until {@link Decision#getSnoozedUntil()}. */
        SNOOZED,
        /** Decided on evidence the alert no longer shows: to be looked at again. */
        CHANGED_SINCE_REVIEWED
    }

    private static final Review UNDECIDED = new Review(Status.UNDECIDED, null);

    /**
     * The latest decision on the alert: under its id, else under the ids it went by before (newest
     * first), so that a decision made before its report key became canonical still holds.
     */
    public static Decision decisionFor(Alert alert, java.util.function.Function<String, Decision> lookup) {
        return decisionFor(alert.getId(), alert.getFormerIds(), lookup);
    }

    /** As {@link #decisionFor(Alert, java.util.function.Function)}, for an alert known by its id and former ids. */
    public static Decision decisionFor(String id, java.util.List<String> formerIds,
                                       java.util.function.Function<String, Decision> lookup) {
        Decision decision = lookup.apply(id);
        for (int i = formerIds.size() - 1; decision == null && i >= 0; i--) {
            decision = lookup.apply(formerIds.get(i));
        }
        return decision;
    }

    public static Review of(Alert alert, Decision decision, LocalDate today) {
        if (decision == null || decision.getVerdict() == Verdict.WITHDRAWN) {
            return decision == null ? UNDECIDED : new Review(Status.UNDECIDED, decision);
        }
        if (alert != null && decision.getEvidence() != null && !decision.getEvidence().equals(AlertDigest.of(alert))) {
            return new Review(Status.CHANGED_SINCE_REVIEWED, decision);
        }
        return switch (decision.getVerdict()) {
            case CONFIRMED -> new Review(Status.CONFIRMED, decision);
            case DISMISSED -> new Review(Status.DISMISSED, decision);
            case SNOOZED -> decision.getSnoozedUntil() != null && today.isBefore(decision.getSnoozedUntil())
                    ? new Review(Status.SNOOZED, decision) : new Review(Status.UNDECIDED, decision);
            case WITHDRAWN -> new Review(Status.UNDECIDED, decision);
        };
    }

    /** Whether people should be told about the alert now: not when dismissed or snoozed on the same evidence. */
    public boolean wantsAttention() {
        return status != Status.DISMISSED && status != Status.SNOOZED;
    }

    /** Whether a reviewer still has to decide: nobody did, a snooze ended, or the evidence changed. */
    public boolean undecided() {
        return status == Status.UNDECIDED || status == Status.CHANGED_SINCE_REVIEWED;
    }
}
