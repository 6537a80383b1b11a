package dev.govwatch.validator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RateTest {

    @Test
    void wilsonIntervalsMatchThePublishedValues() {
        // Newcombe (1998), table I: 0/10 → 0–0.2775; 1/10 → 0.0179–0.4042; 81/263 → 0.2553–0.3662.
        Rate none = Rate.of(0, 10);
        assertThat(none.low()).isCloseTo(0, within(1e-4));
        assertThat(none.high()).isCloseTo(0.2775, within(1e-4));
        Rate one = Rate.of(1, 10);
        assertThat(one.low()).isCloseTo(0.0179, within(1e-4));
        assertThat(one.high()).isCloseTo(0.4042, within(1e-4));
        Rate many = Rate.of(81, 263);
        assertThat(many.value()).isCloseTo(81 / 263.0, within(1e-12));
        assertThat(many.low()).isCloseTo(0.2553, within(1e-4));
        assertThat(many.high()).isCloseTo(0.3662, within(1e-4));
    }

    @Test
    void smallSamplesAreShownButNotRankedAndNothingIsNoRate() {
        assertThat(Rate.of(1, 9).ranked()).isFalse();
        assertThat(Rate.of(1, 9).value()).isCloseTo(1 / 9.0, within(1e-12));
        assertThat(Rate.of(1, 10).ranked()).isTrue();
        Rate empty = Rate.of(0, 0);
        assertThat(empty.value()).isNull();
        assertThat(empty.low()).isNull();
        assertThat(empty.ranked()).isFalse();
    }
}
