package dev.govwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.govwatch.cli.export.AlertColumns;
import dev.govwatch.cli.export.ReportColumns;
import dev.govwatch.cli.export.ReportRow;
import dev.govwatch.cli.export.RowSink;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Decision;
import dev.govwatch.schemas.RegionPath;
import dev.govwatch.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code govwatch export}: every report's cells (or, with {@code --alerts}, every alert with the
 * decision on it) as CSV, JSON lines or Parquet, for researchers. Reads the latest version of each
 * report from the reports topic of a {@code govwatch run} or an external cluster.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write every report's cells — one row per report, one column per template cell (t3_granted_total …) — "
                + "or with --alerts every alert and the decision on it, as csv, jsonl or parquet.",
            "An empty cell column is a blank or unread cell, never 0; unread_cells names the unread ones."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--format", defaultValue = "csv", description = "csv (default), jsonl or parquet.")
    private String format;

    @Option(names = "--out", description = "File to write (default: standard output; parquet needs a file).")
    private Path out;

    @Option(names = "--year", description = "Only reports (or alerts) on this year.")
    private Integer year;

    @Option(names = "--region", description = "Only this place: a 行政区划代码 (37, 3703, 370323) or a province, prefecture or county name.")
    private String region;

    @Option(names = "--alerts", description = "Export the alerts (with their reviewers' decisions) instead of the reports.")
    private boolean alerts;

    @Option(names = "--no-progress", description = "No progress bar on standard error.")
    private boolean noProgress;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!RowSink.FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
            err.println("govwatch export: --format is one of " + RowSink.FORMATS + ", not '" + format + "'");
            return 2;
        }
        if (out == null && format.equalsIgnoreCase("parquet")) {
            err.println("govwatch export: parquet needs a file: give --out FILE.parquet");
            return 2;
        }
        ClusterOptions.Cluster target;
        try {
            target = cluster.resolve(System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("govwatch export: " + e.getMessage());
            return 2;
        }
        var topic = alerts ? Topics.ALERTS : Topics.REPORTS;
        long records = TopicSnapshot.records(target, topic);
        ProgressBar progress = noProgress ? null : new ProgressBar(err, "exporting " + (alerts ? "alerts" : "reports"), 2 * records);
        long[] written = {0};
        Map<String, Decision> decisions = alerts ? TopicSnapshot.read(target, Topics.DECISIONS, id -> true) : Map.of();
        try (RowSink sink = RowSink.open(format, alerts ? AlertColumns.ALL : ReportColumns.all(), out, System.out)) {
            if (alerts) {
                TopicSnapshot.<Alert>scanLatest(target, Topics.ALERTS, alert -> 0, alert -> {
                    if (wanted(alert.getYear(), RegionPath.of(alert.getRegion()))) {
                        write(sink, AlertColumns.row(alert, decisions.get(alert.getId())));
                        written[0]++;
                    }
                }, done -> show(progress, done));
            } else {
                TopicSnapshot.<AnnualReport>scanLatest(target, Topics.REPORTS, report -> report.getExtractedAt().toEpochMilli(), report -> {
                    if (wanted(report.getReportYear(), RegionPath.of(report.getRegion()))) {
                        write(sink, ReportRow.of(report));
                        written[0]++;
                    }
                }, done -> show(progress, done));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (progress != null) {
            progress.finish();
        }
        err.printf("govwatch export: %,d %s written%s%n", written[0], alerts ? "alerts" : "reports",
                out == null ? "" : " to " + out);
        err.flush();
        return 0;
    }

    private boolean wanted(Integer recordYear, RegionPath path) {
        return (year == null || year.equals(recordYear)) && path.within(region);
    }

    private static void write(RowSink sink, Map<String, Object> row) {
        try {
            sink.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void show(ProgressBar progress, long done) {
        if (progress != null) {
            progress.show(done);
        }
    }
}
