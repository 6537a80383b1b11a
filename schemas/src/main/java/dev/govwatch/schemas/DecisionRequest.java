package dev.govwatch.schemas;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A reviewer's decision as asked for (by the CLI or the query API), checked before it is recorded.
 *
 * @param alertId      the alert decided on
 * @param verdict      what was decided
 * @param reason       why; required to dismiss
 * @param snoozedUntil the day a snooze ends; required to snooze
 * @param reviewer     who decided
 */
public record DecisionRequest(String alertId, Verdict verdict, String reason, LocalDate snoozedUntil, String reviewer) {

    /** What is wrong with the request, or an empty list. */
    public List<String> problems(LocalDate today) {
        List<String> problems = new ArrayList<>();
        if (alertId == null || alertId.isBlank()) {
            problems.add("an alert id is required");
        }
        if (verdict == null) {
            problems.add("a verdict is required (CONFIRMED, DISMISSED, SNOOZED or WITHDRAWN)");
        }
        if (reviewer == null || reviewer.isBlank()) {
            problems.add("a reviewer is required");
        }
        if (verdict == Verdict.DISMISSED && (reason == null || reason.isBlank())) {
            problems.add("dismissing needs a reason");
        }
        if (verdict == Verdict.SNOOZED && snoozedUntil == null) {
            problems.add("snoozing needs the date it ends");
        }
        if (verdict == Verdict.SNOOZED && snoozedUntil != null && !snoozedUntil.isAfter(today)) {
            problems.add("a snooze must end after today (" + today + ")");
        }
        if (verdict != Verdict.SNOOZED && snoozedUntil != null) {
            problems.add("only a snooze has an end date");
        }
        return problems;
    }

    /**
     * The decision to record: this request, made on {@code alert} as it is now (its digest kept),
     * after {@code previous} (whose entries move to the audit trail).
     */
    public Decision applyTo(Decision previous, Alert alert, Instant now) {
        return applyTo(previous, alert == null ? null : AlertDigest.of(alert), now);
    }

    /** As {@link #applyTo(Decision, Alert, Instant)}, with the alert's {@link AlertDigest} already taken. */
    public Decision applyTo(Decision previous, String evidence, Instant now) {
        List<EarlierDecision> earlier = new ArrayList<>();
        if (previous != null) {
            earlier.addAll(previous.getEarlier());
            earlier.add(EarlierDecision.newBuilder().setVerdict(previous.getVerdict()).setReason(previous.getReason())
                    .setSnoozedUntil(previous.getSnoozedUntil()).setReviewer(previous.getReviewer())
                    .setDecidedAt(previous.getDecidedAt()).setEvidence(previous.getEvidence()).build());
        }
        return Decision.newBuilder().setAlertId(alertId).setVerdict(verdict)
                .setReason(reason == null || reason.isBlank() ? null : reason.strip())
                .setSnoozedUntil(snoozedUntil).setReviewer(reviewer.strip()).setDecidedAt(now)
                .setEvidence(evidence).setEarlier(earlier).build();
    }
}
