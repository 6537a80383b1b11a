package dev.govwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.govwatch.extractor.Extraction;
import dev.govwatch.extractor.FlatReport;
import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.schemas.FetchedPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code govwatch extract}: reads report pages offline, without Kafka, and prints one JSON object per input. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Extract annual reports from files or URLs (HTML or plain text) and print one JSON object per input.")
final class ExtractCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--flat", description = "Print the flat figures (agency, year, apps.new.total …) instead of the whole record.")
    private boolean flat;

    @Option(names = "--explain", description = "Print every table cell with its value, the text it came from and how it "
            + "was decided (printed, realigned, split by arithmetic, from prose, unread) instead of JSON.")
    private boolean explain;

    @Option(names = "--charset", description = "Charset to assume when neither the server nor the page names one.")
    private String charset;

    @Parameters(arity = "1..*", paramLabel = "FILE|URL", description = "Report pages to read.")
    private List<String> inputs;

    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReportExtractor extractor = new ReportExtractor();
        int failures = 0;
        for (String input : inputs) {
            FetchedPage page;
            try {
                page = PageSource.read(input, charset);
            } catch (IOException | IllegalArgumentException e) {
                err.println("govwatch extract: " + input + ": cannot read: " + e.getMessage());
                failures++;
                continue;
            }
            Extraction extraction = extractor.extract(page, Instant.now());
            Map<String, Object> result;
            if (extraction instanceof Extraction.Report report && explain) {
                CellExplanation.lines(report.report()).forEach(out::println);
                out.flush();
                continue;
            }
            if (extraction instanceof Extraction.Report report) {
                result = flat ? FlatReport.of(report.report()) : json.readValue(report.report().toString(), LinkedHashMap.class);
            } else {
                String reason = extraction instanceof Extraction.NotAReport n ? "not an annual report: " + n.reason()
                        : "unreadable: " + ((Extraction.Unreadable) extraction).reason();
                err.println("govwatch extract: " + input + ": " + reason);
                failures++;
                result = new LinkedHashMap<>();
                result.put("url", page.getUrl());
                result.put("error", reason);
            }
            out.println(json.writeValueAsString(result));
            out.flush();
        }
        return failures == 0 ? 0 : 1;
    }
}
