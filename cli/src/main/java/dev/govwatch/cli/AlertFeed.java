package dev.govwatch.cli;

import java.util.ArrayList;
import java.util.List;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.Severity;

/**
 * The ALERT lines a run prints: alerts at or above a severity, one line each; the notes below it
 * (INFO findings such as table 二 continuity) are counted, not printed, so that they do not drown
 * the warnings and errors people must act on.
 */
final class AlertFeed {

    private final Severity least;
    private int notes;
    private int notesReported;

    AlertFeed(Severity least) {
        this.least = least;
    }

    /** The lines to print for these alerts. */
    List<String> lines(List<Alert> alerts) {
        List<String> lines = new ArrayList<>();
        for (Alert alert : alerts) {
            if (alert.getSeverity().ordinal() >= least.ordinal()) {
                lines.add(AlertLine.of(alert));
            } else {
                notes++;
            }
        }
        return lines;
    }

    /** A line saying how many notes went unprinted since the last such line, or null if none did. */
    String notesLine() {
        if (notes == notesReported) {
            return null;
        }
        notesReported = notes;
        return notes + " note(s) below " + least + " not printed so far; see the dashboard or govwatch alerts";
    }
}
