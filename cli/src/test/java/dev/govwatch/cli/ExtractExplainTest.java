package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.govwatch.samples.PrintedReport;
import dev.govwatch.samples.Renderings;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.template.ReportTemplate;
import dev.govwatch.extractor.internal.ocr.Tesseract;
import dev.govwatch.samples.ScannedReport;
import picocli.CommandLine;

/**
 * {@code govwatch extract --explain} and {@code govwatch check} on every rendering of the fidelity
 * corpus: each table 三 row is explained cell by cell with how it was decided, and a clean report
 * draws no INCONSISTENT alert and no INCOMPLETE one except for cells named as unread.
 */
class ExtractExplainTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Renderings.Shape.class)
    void everyRenderingIsExplainedAndChecksClean(Renderings.Shape shape, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(shape != Renderings.Shape.PDF_TABLE || PrintedReport.canPrint(),
                "printing a PDF needs a Chinese TrueType font (scripts/install-ocr installs fonts-wqy-microhei)");
        Report2021Page figures = new Report2021Page(20_241);
        Renderings.Rendered rendered = Renderings.render(figures, shape);
        String extension = rendered.contentType().contains("html") ? ".html" : rendered.contentType().contains("pdf") ? ".pdf" : ".txt";
        Path file = dir.resolve("report" + extension);
        Files.write(file, rendered.body());

        Run explain = run("extract", "--explain", file.toString());
        assertThat(explain.exit).as(explain.err).isZero();
        for (String row : figures.t3.keySet()) {
            // Explained cell by cell, or named as a row not found (a row of blanks dropped to its label alone).
            assertThat(explain.out.contains("表三 " + row + " ")
                    || explain.out.contains("not found: " + ReportTemplate.T3.describe(row, null))
                    || explain.out.contains("not found: " + ReportTemplate.T3.describe(row.substring(0, row.lastIndexOf('.')), null)))
                    .as("%s explained or named as not found in%n%s", row, explain.out).isTrue();
        }
        assertThat(explain.out).contains("表四 review.reconsideration");
        String how = switch (shape) {
            case RUN_TOGETHER, ONE_LINE -> "split by arithmetic";
            case DROPPED_ZEROS -> "realigned";
            default -> "printed";
        };
        assertThat(explain.out).contains(how);

        Run check = run("check", file.toString());
        List<String> alertLines = check.out.lines().filter(l -> l.startsWith("  ")).toList();
        assertThat(alertLines).as(check.out).noneMatch(l -> l.contains("INCONSISTENT"));
        assertThat(alertLines).as(check.out).allMatch(l -> l.contains("UNREAD_CELLS"));
        assertThat(check.exit).isEqualTo(alertLines.isEmpty() ? 0 : 1);
    }

    /**
     * A saved report page whose table 三 is a picture beside it: {@code extract} brings the image
     * along as the crawler does and reads the table by OCR. Needs Tesseract (scripts/install-ocr);
     * skipped without it.
     */
    @Test
    void aPageWithItsTablePastedAsAPictureIsReadFromTheImageBesideIt(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Tesseract.find().isPresent() && ScannedReport.canDraw(),
                "needs Tesseract and a Chinese font (scripts/install-ocr): " + Tesseract.missing());
        ScannedReport.PastedTable pasted = ScannedReport.pastedTable3(new Report2021Page(777), 0.6);
        Path page = dir.resolve("report.html");
        Files.writeString(page, pasted.html());
        Files.write(dir.resolve(pasted.imageSrc()), pasted.png());

        Run explain = run("extract", "--explain", page.toString());

        assertThat(explain.exit).as(explain.err).isZero();
        assertThat(explain.out).contains("表三 apps.granted").contains("OCR ");
        Run check = run("check", page.toString());
        assertThat(check.out.lines().filter(l -> l.startsWith("  ")).toList()).as(check.out)
                .noneMatch(l -> l.contains("INCONSISTENT") || l.contains("TABLES"));
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Govwatch()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
