package dev.govwatch.cli;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import dev.govwatch.extractor.Extraction;
import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.schemas.Alert;
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
 * {@code govwatch check}: extracts and validates report files offline, printing what the validator
 * would alert on. With the files of several years of one agency, the cross-year rules apply too.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Extract and validate report files offline and print their alerts. Exit 0 when no report has an "
                + "ERROR alert, 2 when one has, 1 on unreadable input.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--deadlines", description = "Deadline overrides, e.g. TOWN@河北省=02-20.")
    private String deadlines;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Report files (HTML, text, PDF, DOCX).")
    private List<Path> files;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReportExtractor extractor = new ReportExtractor();
        Validation validation = new Validation(Rules.ALL, Deadlines.withOverrides(deadlines));
        java.util.Map<String, AnnualReport> byAgencyYear = new java.util.HashMap<>();
        java.util.List<AnnualReport> reports = new java.util.ArrayList<>();
        int status = 0;
        for (Path file : files) {
            byte[] body;
            try {
                body = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                err.println("govwatch check: " + file + ": no such file");
                status = 1;
                continue;
            }
            FetchedPage page = FetchedPage.newBuilder().setUrl(file.toAbsolutePath().toUri().toString()).setPortalId("cli")
                    .setFetchedAt(Instant.now()).setHttpStatus(200).setBody(ByteBuffer.wrap(body))
                    .setSha256(ExtractCommand.sha256(body)).build();
            Extraction extraction = extractor.extract(page, Instant.now());
            if (!(extraction instanceof Extraction.Report report)) {
                err.println("govwatch check: " + file + ": " + extraction);
                status = 1;
                continue;
            }
            reports.add(report.report());
            byAgencyYear.put(report.report().getReportKey(), report.report());
        }
        for (AnnualReport report : reports) {
            String key = report.getReportKey();
            AnnualReport previousYear = report.getReportYear() == null ? null
                    : byAgencyYear.get(key.substring(0, key.lastIndexOf('|') + 1) + (report.getReportYear() - 1));
            List<Alert> alerts = validation.evaluate(report, previousYear, null, Instant.now());
            out.printf("%s (%s, %s): %d alert(s)%n", report.getAgency(), report.getReportYear(), report.getSourceUrl(), alerts.size());
            for (Alert alert : alerts) {
                out.printf("  %-7s %-16s %-16s %s%n", alert.getSeverity(), alert.getCategory(), alert.getRule(), alert.getMessage());
                if (alert.getSeverity() == dev.govwatch.schemas.Severity.ERROR && status == 0) {
                    status = 2;
                }
            }
        }
        out.flush();
        return status;
    }
}
