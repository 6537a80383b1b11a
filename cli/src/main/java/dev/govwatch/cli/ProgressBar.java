package dev.govwatch.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on standard error, redrawn in place, at most once per percent so that a
 * log file that captures it stays short.
 */
final class ProgressBar {

    private final PrintWriter err;
    private final String label;
    private final long total;
    private long lastShown = -1;
    private long lastPercentMille = -1;

    ProgressBar(PrintWriter err, String label, long total) {
        this.err = err;
        this.label = label.isEmpty() ? "" : label + " ";
        this.total = total;
    }

    void show(long done) {
        long mille = total == 0 ? 1000 : 1000 * Math.min(done, total) / total;
        if (done == lastShown || (mille / 10 == lastPercentMille / 10 && done != total)) {
            return;
        }
        lastShown = done;
        lastPercentMille = mille;
        int width = 30;
        int filled = (int) (width * mille / 1000);
        err.printf("\r%s[%s%s] %,d/%,d (%d%%)", label, "#".repeat(filled), " ".repeat(width - filled), done, total, mille / 10);
        err.flush();
    }

    void finish() {
        show(total);
        err.println();
        err.flush();
    }
}
