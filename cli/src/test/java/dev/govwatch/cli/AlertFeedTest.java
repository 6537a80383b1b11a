package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.Severity;

class AlertFeedTest {

    @Test
    void notesAreCountedNotPrintedByDefault() {
        AlertFeed feed = new AlertFeed(Severity.WARNING);

        List<String> lines = feed.lines(List.of(alert("T2_CONTINUITY", Severity.INFO), alert("LATE", Severity.WARNING),
                alert("T3_BALANCE", Severity.ERROR), alert("CHANGED", Severity.INFO)));

        assertThat(lines).hasSize(2).allMatch(l -> l.startsWith("ALERT OPEN"));
        assertThat(lines.get(0)).contains("LATE");
        assertThat(feed.notesLine()).startsWith("2 note(s) below WARNING");
        assertThat(feed.notesLine()).as("said once").isNull();
    }

    @Test
    void askingForInfoPrintsEverything() {
        AlertFeed feed = new AlertFeed(Severity.INFO);

        assertThat(feed.lines(List.of(alert("T2_CONTINUITY", Severity.INFO), alert("LATE", Severity.WARNING)))).hasSize(2);
        assertThat(feed.notesLine()).isNull();
    }

    private static Alert alert(String rule, Severity severity) {
        Instant now = Instant.EPOCH;
        return Alert.newBuilder().setId(rule + "|x|2025").setRule(rule).setCategory(AlertCategory.INCONSISTENT)
                .setSeverity(severity).setStatus(AlertStatus.OPEN).setMessage(rule + " 消息").setEvidence(List.of())
                .setRaisedAt(now).setUpdatedAt(now).build();
    }
}
