package dev.govwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;


import dev.govwatch.extractor.Extraction;
import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertJson;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.validator.Deadlines;
import dev.govwatch.validator.Rules;
import dev.govwatch.validator.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code govwatch check}: extracts and validates report files offline, what an agency can run on
 * its draft before publishing. Reports of one agency for consecutive years are checked against
 * each other too.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Extract and validate reports offline and print their alerts. Exit 0 when clean, 1 when anything "
                + "is flagged, 2 on error (unreadable input, not a report).")
final class CheckCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "text (for people) or json (one alert object per line).")
    private Format format;

    @Option(names = "--deadlines", description = "Deadline overrides, e.g. TOWN@河北省=02-20.")
    private String deadlines;

    @Option(names = "--charset", description = "Charset to assume when neither the server nor the page names one.")
    private String charset;

    @Parameters(arity = "1..*", paramLabel = "FILE|URL", description = "Reports (HTML, text, PDF, DOCX).")
    private List<String> inputs;

    enum Format { text, json }


    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReportExtractor extractor = new ReportExtractor();
        Validation validation = new Validation(Rules.ALL, Deadlines.withOverrides(deadlines));
        Map<String, AnnualReport> byKey = new HashMap<>();
        List<AnnualReport> reports = new ArrayList<>();
        boolean error = false;
        for (String input : inputs) {
            FetchedPage page;
            try {
                page = PageSource.read(input, charset);
            } catch (IOException | IllegalArgumentException e) {
                err.println("govwatch check: " + input + ": cannot read: " + e.getMessage());
                error = true;
                continue;
            }
            Extraction extraction = extractor.extract(page, Instant.now());
            if (extraction instanceof Extraction.Report report) {
                reports.add(report.report());
                byKey.put(report.report().getReportKey(), report.report());
            } else {
                err.println("govwatch check: " + input + ": " + (extraction instanceof Extraction.NotAReport n
                        ? "not an annual report: " + n.reason() : "unreadable: " + ((Extraction.Unreadable) extraction).reason()));
                error = true;
            }
        }
        boolean flagged = false;
        for (AnnualReport report : reports) {
            String key = report.getReportKey();
            AnnualReport previousYear = report.getReportYear() == null ? null
                    : byKey.get(key.substring(0, key.lastIndexOf('|') + 1) + (report.getReportYear() - 1));
            List<Alert> alerts = validation.evaluate(report, previousYear, null, Instant.now());
            flagged |= !alerts.isEmpty();
            if (format == Format.text) {
                out.printf("%s %s年度报告 (%s): %s%n", report.getAgency(), report.getReportYear(), report.getSourceUrl(),
                        alerts.isEmpty() ? "未发现问题" : alerts.size() + " 个问题");
                for (Alert alert : alerts) {
                    out.printf("  %-7s %-15s %-16s %s%n", alert.getSeverity(), alert.getCategory(), alert.getRule(), alert.getMessage());
                }
            } else {
                for (Alert alert : alerts) {
                    out.println(AlertJson.toJson(alert));
                }
            }
        }
        out.flush();
        return error ? 2 : flagged ? 1 : 0;
    }
}
