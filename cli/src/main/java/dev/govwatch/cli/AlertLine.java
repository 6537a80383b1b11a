package dev.govwatch.cli;

import dev.govwatch.schemas.Alert;

/** One alert as a line of text, the way {@code run}, {@code demo} and {@code alerts} print it. */
final class AlertLine {

    private AlertLine() {
    }

    static String of(Alert a) {
        return String.format("ALERT %-8s %-15s %-16s %s", a.getStatus(), a.getCategory(), a.getRule(), a.getMessage());
    }
}
