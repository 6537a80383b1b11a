package dev.govwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReviewTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void anAlertNobodyDecidedOnIsUndecidedAndWantsAttention() {
        Review review = Review.of(alert("表三（七）总计 12 ≠ 13"), null, TODAY);

        assertThat(review.status()).isEqualTo(Review.Status.UNDECIDED);
        assertThat(review.undecided()).isTrue();
        assertThat(review.wantsAttention()).isTrue();
    }

    @Test
    void aDismissalHoldsWhileTheEvidenceIsTheSame() {
        Alert alert = alert("表三（七）总计 12 ≠ 13");
        Decision dismissed = request(Verdict.DISMISSED, "机关已说明：更正稿待发", null).applyTo(null, alert, NOW);

        Review same = Review.of(alert("表三（七）总计 12 ≠ 13"), dismissed, TODAY);
        Review changed = Review.of(alert("表三（七）总计 12 ≠ 15"), dismissed, TODAY);

        assertThat(same.status()).isEqualTo(Review.Status.DISMISSED);
        assertThat(same.wantsAttention()).isFalse();
        assertThat(changed.status()).isEqualTo(Review.Status.CHANGED_SINCE_REVIEWED);
        assertThat(changed.wantsAttention()).isTrue();
        assertThat(changed.decision().getReason()).isEqualTo("机关已说明：更正稿待发");
    }

    @Test
    void aSnoozeEndsOnItsDate() {
        Alert alert = alert("缺少表四");
        Decision snoozed = request(Verdict.SNOOZED, null, LocalDate.of(2026, 3, 10)).applyTo(null, alert, NOW);

        assertThat(Review.of(alert, snoozed, LocalDate.of(2026, 3, 9)).status()).isEqualTo(Review.Status.SNOOZED);
        assertThat(Review.of(alert, snoozed, LocalDate.of(2026, 3, 10)).status()).isEqualTo(Review.Status.UNDECIDED);
    }

    @Test
    void everyDecisionKeepsTheOnesBeforeItAsItsTrail() {
        Alert alert = alert("缺少表四");
        Decision first = request(Verdict.CONFIRMED, null, null).applyTo(null, alert, NOW);
        Decision second = request(Verdict.DISMISSED, "误报", null).applyTo(first, alert, NOW.plusSeconds(60));
        Decision third = request(Verdict.WITHDRAWN, null, null).applyTo(second, alert, NOW.plusSeconds(120));

        assertThat(third.getEarlier()).extracting(EarlierDecision::getVerdict)
                .containsExactly(Verdict.CONFIRMED, Verdict.DISMISSED);
        assertThat(Review.of(alert, third, TODAY).status()).isEqualTo(Review.Status.UNDECIDED);
    }

    @Test
    void aDecisionMadeUnderTheIdAnAlertHadBeforeStillHolds() {
        Alert before = alert("缺少表四");
        Decision dismissed = request(Verdict.DISMISSED, "误报", null).applyTo(null, before, NOW);
        Alert moved = Alert.newBuilder(before).setId("T3_RESULTS_TOTAL|示范县人民政府|2025|total")
                .setFormerIds(List.of("T3_RESULTS_TOTAL|370323|示范县|2025|total")).build();
        java.util.Map<String, Decision> decisions = java.util.Map.of("T3_RESULTS_TOTAL|370323|示范县|2025|total", dismissed);

        Decision found = Review.decisionFor(moved, decisions::get);

        assertThat(found).isSameAs(dismissed);
        assertThat(Review.of(moved, found, TODAY).status()).isEqualTo(Review.Status.DISMISSED);
        assertThat(Review.decisionFor(Alert.newBuilder(moved).setFormerIds(List.of()).build(), decisions::get)).isNull();
    }

    @Test
    void requestsAreCheckedBeforeTheyAreRecorded() {
        assertThat(request(Verdict.DISMISSED, " ", null).problems(TODAY)).containsExactly("dismissing needs a reason");
        assertThat(request(Verdict.SNOOZED, null, null).problems(TODAY)).containsExactly("snoozing needs the date it ends");
        assertThat(request(Verdict.SNOOZED, null, TODAY).problems(TODAY)).singleElement().asString().contains("after today");
        assertThat(request(Verdict.CONFIRMED, null, TODAY).problems(TODAY)).containsExactly("only a snooze has an end date");
        assertThat(new DecisionRequest("", Verdict.CONFIRMED, null, null, "").problems(TODAY))
                .containsExactly("an alert id is required", "a reviewer is required");
        assertThat(request(Verdict.CONFIRMED, null, null).problems(TODAY)).isEmpty();
    }

    private static DecisionRequest request(Verdict verdict, String reason, LocalDate until) {
        return new DecisionRequest("T3_RESULTS_TOTAL|示范县人民政府|2025|total", verdict, reason, until, "王审核");
    }

    private static Alert alert(String message) {
        return Alert.newBuilder().setId("T3_RESULTS_TOTAL|示范县人民政府|2025|total").setRule("T3_RESULTS_TOTAL")
                .setCategory(AlertCategory.INCONSISTENT).setSeverity(Severity.ERROR).setStatus(AlertStatus.OPEN)
                .setMessage(message).setEvidence(List.of()).setRaisedAt(NOW).setUpdatedAt(NOW).build();
    }
}
