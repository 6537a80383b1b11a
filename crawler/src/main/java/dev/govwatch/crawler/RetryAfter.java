package dev.govwatch.crawler;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The Retry-After header of a 429 or 503: delay-seconds or an HTTP date. */
final class RetryAfter {

    private RetryAfter() {
    }

    /** How long the server asks to wait; zero when it does not say or says nonsense. */
    static Duration parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Duration.ZERO;
        }
        String value = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException ignored) {
                return Duration.ZERO;
            }
        }
    }
}
