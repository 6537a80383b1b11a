package dev.govwatch.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** HTTP dates read and printed by position agree with java.time's IMF-fixdate, and nothing else is converted. */
class HttpDateTest {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    @Test
    void agreesWithJavaTimeOverManyDates() {
        Random random = new Random(20261201);
        for (int i = 0; i < 20_000; i++) {
            // 1970 to 2100, leap days and month ends included by chance.
            long seconds = (long) (random.nextDouble() * 4_102_444_800L);
            String text = IMF_FIXDATE.format(Instant.ofEpochSecond(seconds));

            assertThat(HttpDate.text(seconds)).isEqualTo(text);
            assertThat(HttpDate.seconds(text)).as(text).isEqualTo(seconds);
        }
    }

    @Test
    void onlyAnExactImfFixdateIsConverted() {
        for (String other : new String[] {null, "", "yesterday", "Monday, 20-Jan-25 01:30:00 GMT", "Mon Jan 20 01:30:00 2025",
                "Tue, 20 Jan 2025 01:30:00 GMT", "mon, 20 Jan 2025 01:30:00 GMT", "Mon, 20 jan 2025 01:30:00 GMT",
                "Mon, 20 Jan 2025 24:00:00 GMT", "Sat, 29 Feb 2025 01:30:00 GMT", "Mon, 20 Jan 2025 01:30:00 UTC",
                "Mon, 20 Jan 2025 01:3a:00 GMT"}) {
            assertThat(HttpDate.seconds(other)).as(String.valueOf(other)).isEqualTo(HttpDate.NONE);
        }
        assertThat(HttpDate.seconds("Mon, 20 Jan 2025 01:30:00 GMT")).isEqualTo(1_737_336_600L);
    }
}
