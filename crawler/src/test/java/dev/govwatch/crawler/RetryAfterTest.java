package dev.govwatch.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2025-01-20T02:00:00Z");

    @Test
    void secondsAndHttpDatesAreRead() {
        assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Mon, 20 Jan 2025 02:01:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void missingPastOrUnreadableValuesMeanNoWait() {
        assertThat(RetryAfter.parse(null, NOW)).isZero();
        assertThat(RetryAfter.parse("Mon, 20 Jan 2025 01:00:00 GMT", NOW)).isZero();
        assertThat(RetryAfter.parse("soon", NOW)).isZero();
        assertThat(RetryAfter.parse("-5", NOW)).isZero();
    }
}
