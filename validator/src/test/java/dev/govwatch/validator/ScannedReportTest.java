package dev.govwatch.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.govwatch.extractor.Extraction;
import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.extractor.internal.ocr.Tesseract;
import dev.govwatch.samples.Renderings;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.samples.ScanImitation;
import dev.govwatch.samples.ScannedReport;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.PageImage;
import dev.govwatch.schemas.ReadMethod;
import dev.govwatch.schemas.StatTable;
import dev.govwatch.schemas.TableRow;
import dev.govwatch.schemas.template.ReportTemplate;

/**
 * Scanned reports: the real Huaian report's PDF made into what a scanner makes of it (every page an
 * image, tilted, speckled, JPEG-compressed) and read by OCR, every figure of tables 二, 三 and 四
 * compared with the text PDF's. A figure is right, or UNCERTAIN and named among the unread cells;
 * never wrong and never silently lost; and the validator turns no doubt into an INCONSISTENT alert.
 * Needs Tesseract: installed by {@code scripts/install-ocr} when missing, skipped with the reason
 * when it cannot be.
 */
class ScannedReportTest {

    private final Validation validation = new Validation(Rules.ALL, Deadlines.national());

    @BeforeAll
    static void ocr() throws Exception {
        if (Tesseract.find().isEmpty() || !ScannedReport.canDraw()) {
            Path script = Path.of("..", "scripts", "install-ocr").toAbsolutePath().normalize();
            String output = "";
            if (Files.isExecutable(script)) {
                Process install = new ProcessBuilder(script.toString()).redirectErrorStream(true).start();
                output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                install.waitFor(10, TimeUnit.MINUTES);
            }
            Assumptions.assumeTrue(Tesseract.find().isPresent(),
                    "OCR tests skipped: " + Tesseract.missing() + "; scripts/install-ocr said: " + output.strip());
        }
    }

    @Test
    void aScanOfTheHuaianReportGivesItsFiguresOrNamesThemNeverAWrongOne() throws IOException {
        Path pdf = Path.of(System.getProperty("govwatch.shared.dir", "../../shared"), "samples", "huaian-2024-report.pdf");
        Assumptions.assumeTrue(Files.exists(pdf), "no sample PDF at " + pdf.toAbsolutePath() + " (only in the workplace)");
        byte[] text = Files.readAllBytes(pdf);
        AnnualReport printed = TestReports.extract(text, "application/pdf", "http://www.huaian.gov.cn/report.pdf");
        AnnualReport scanned = TestReports.extract(ScanImitation.scan(text, 0.7, 300, 7), "application/pdf",
                "http://www.huaian.gov.cn/scan.pdf");

        assertThat(scanned.getReadBy()).isEqualTo(ReadMethod.OCR);
        assertThat(printed.getReadBy()).isEqualTo(ReadMethod.PDF_TEXT);
        // the title's 淮 is read as 准 on this scan; the body's repeated 淮安市人民政府 puts it right
        assertThat(scanned.getAgency()).isEqualTo(printed.getAgency());
        assertThat(scanned.getReportKey()).isEqualTo(printed.getReportKey());
        int right = 0;
        int uncertain = 0;
        List<String> wrong = new ArrayList<>();
        for (StatTable table : printed.getTables()) {
            for (TableRow row : table.getRows()) {
                for (Cell cell : row.getCells()) {
                    if (cell.getKind() != CellKind.NUMBER) {
                        continue;
                    }
                    String where = table.getId() + "/" + row.getKey() + "/" + cell.getColumn();
                    Cell read = cell(scanned, table.getId(), row.getKey(), cell.getColumn());
                    if (read != null && read.getKind() == CellKind.NUMBER) {
                        if (read.getValue().equals(cell.getValue())) {
                            right++;
                        } else {
                            wrong.add(where + ": " + cell.getValue() + " read as " + read.getValue() + " (" + read.getSource() + ")");
                        }
                    } else if (named(scanned, table.getId(), row.getKey(), cell.getColumn())
                            || read == null && table.getId().equals("T2") && scanned.getUnreadCells().stream()
                                    .anyMatch(u -> u.getTable().equals("T2") && u.getRow().equals("?"))) {
                        // a table 二 row whose label OCR could not read is named as an unrecognised row
                        uncertain++;
                    } else {
                        wrong.add(where + ": " + cell.getValue() + " lost without being named");
                    }
                }
            }
        }
        System.out.printf("Huaian scan (tilt 0.7°, 300 dpi): %d figures right, %d named as unread, %d wrong%n",
                right, uncertain, wrong.size());
        assertThat(wrong).isEmpty();
        assertThat(right).as("figures read right").isGreaterThanOrEqualTo((int) (0.85 * (right + uncertain)));
        assertThat(scanned.getSections()).hasSize(6);

        List<Alert> alerts = validation.evaluate(scanned, null, null, Instant.EPOCH);
        assertThat(alerts).as("%s", alerts.stream().map(Alert::getMessage).toList())
                .noneMatch(a -> a.getCategory() == AlertCategory.INCONSISTENT);
        assertThat(alerts).filteredOn(a -> a.getCategory() == AlertCategory.INCOMPLETE).extracting(Alert::getRule)
                .containsOnly("UNREAD_CELLS");
    }

    /**
     * Reports of random figures drawn as scanned pages by the project itself (no ../shared needed):
     * table 三 ruled with its group labels in merged cells and labels wrapped, table 四 with three
     * header rows; every cell of tables 三 and 四 compared with its figure.
     */
    @Test
    void generatedScansGiveEveryFigureOrNameItNeverAWrongOne() throws IOException {
        Assumptions.assumeTrue(ScannedReport.canDraw(), "no font with Chinese glyphs to draw the pages (scripts/install-ocr installs one)");
        int right = 0;
        int uncertain = 0;
        List<String> wrong = new ArrayList<>();
        java.util.Random draw = new java.util.Random(SeededTries.RUN_SEED);
        for (int n = 0; n < SCANS; n++) {
            int seed = 1 + draw.nextInt(1_000_000);
            double tilt = (draw.nextDouble() - 0.5) * 2.4;
            Report2021Page figures = new Report2021Page(seed);
            AnnualReport report = TestReports.extract(ScannedReport.pdf(figures, tilt, seed), "application/pdf",
                    "http://test.gov.cn/scan-" + seed + ".pdf");
            String where = "seed " + seed + String.format(" tilt %.2f°", tilt) + " (-Dgovwatch.seed=" + SeededTries.RUN_SEED + ")";
            assertThat(report.getReadBy()).isEqualTo(ReadMethod.OCR);
            int[] tally = compare(report, figures, true, wrong, where);
            right += tally[0];
            uncertain += tally[1];
        }
        System.out.printf("generated scans (%d reports, tilt within ±1.2°): %d figures right, %d named as unread, %d wrong%n",
                SCANS, right, uncertain, wrong.size());
        assertThat(wrong).isEmpty();
        assertThat(right).as("figures read right").isGreaterThanOrEqualTo((int) (0.85 * (right + uncertain)));
    }

    /**
     * A report page whose table 三 is a picture pasted into the article (at web resolution, 0.6 of
     * 300 dpi), carried in the page record as the crawler fetches it: the table is read by OCR in
     * its place; tables 二 and 四 stay the page's text.
     */
    @Test
    void aPagesTablePastedAsAPictureIsReadInItsPlace() throws IOException {
        Assumptions.assumeTrue(ScannedReport.canDraw(), "no font with Chinese glyphs to draw the table");
        int right = 0;
        int uncertain = 0;
        List<String> wrong = new ArrayList<>();
        java.util.Random draw = new java.util.Random(SeededTries.RUN_SEED + 1);
        for (int n = 0; n < 2; n++) {
            int seed = 1 + draw.nextInt(1_000_000);
            Report2021Page figures = new Report2021Page(seed);
            ScannedReport.PastedTable pasted = ScannedReport.pastedTable3(figures, 0.6);
            String url = "http://test.gov.cn/zfxxgk/zfxxgknb/202501/t" + seed + ".html";
            FetchedPage page = FetchedPage.newBuilder().setUrl(url).setPortalId("test").setFetchedAt(Instant.EPOCH)
                    .setHttpStatus(200).setContentType("text/html; charset=UTF-8")
                    .setBody(ByteBuffer.wrap(pasted.html().getBytes(StandardCharsets.UTF_8))).setSha256("s" + seed)
                    .setImages(List.of(PageImage.newBuilder().setUrl(java.net.URI.create(url).resolve(pasted.imageSrc()).toString())
                            .setContentType("image/png").setBody(ByteBuffer.wrap(pasted.png())).setSha256("i" + seed).build()))
                    .build();
            Extraction extraction = new ReportExtractor().extract(page, Instant.EPOCH);
            assertThat(extraction).isInstanceOf(Extraction.Report.class);
            AnnualReport report = ((Extraction.Report) extraction).report();
            String where = "seed " + seed + " (-Dgovwatch.seed=" + SeededTries.RUN_SEED + ")";
            assertThat(report.getReadBy()).as(where).isEqualTo(ReadMethod.OCR);
            int[] tally = compare(report, figures, false, wrong, where);
            right += tally[0];
            uncertain += tally[1];
        }
        System.out.printf("table 三 pasted as a picture (2 pages): %d figures right, %d named as unread, %d wrong%n",
                right, uncertain, wrong.size());
        assertThat(wrong).isEmpty();
        assertThat(right).as("figures read right").isGreaterThanOrEqualTo((int) (0.85 * (right + uncertain)));
    }

    /** Three in the suite (OCR takes about 12 s a report); -Dgovwatch.scans=N for a larger sample. */
    private static final int SCANS = Integer.getInteger("govwatch.scans", 3);

    /**
     * Every cell of table 三 (and of table 四 when {@code withT4}) against its figure, and no
     * INCONSISTENT alert: [right, uncertain]; a wrong or silently lost figure goes to {@code wrong}.
     */
    private int[] compare(AnnualReport report, Report2021Page figures, boolean withT4, List<String> wrong, String where) {
        int[] sum = new int[2];
        for (java.util.Map.Entry<String, long[]> row : Renderings.expectedT3(figures, Renderings.Template.GEN_2021).entrySet()) {
            for (int c = 0; c < 7; c++) {
                add(sum, tally(report, "T3", row.getKey(), ReportTemplate.T3_COLUMNS.get(c), row.getValue()[c], wrong, where));
            }
        }
        String[] groups = {"review.reconsideration", "review.litigationDirect", "review.litigationAfterReview"};
        for (int i = 0; withT4 && i < 15; i++) {
            add(sum, tally(report, "T4", groups[i / 5], ReportTemplate.T4_COLUMNS.get(i % 5), figures.t4[i], wrong, where));
        }
        List<Alert> alerts = validation.evaluate(report, null, null, Instant.EPOCH);
        assertThat(alerts).as("%s: %s", where, alerts.stream().map(Alert::getMessage).toList())
                .noneMatch(a -> a.getCategory() == AlertCategory.INCONSISTENT);
        return sum;
    }

    private static void add(int[] sum, int[] tally) {
        sum[0] += tally[0];
        sum[1] += tally[1];
    }

    /** [right, uncertain]; a wrong or silently lost figure goes to {@code wrong}. */
    private static int[] tally(AnnualReport report, String table, String row, String column, long expected,
                               List<String> wrong, String where) {
        Cell read = cell(report, table, row, column);
        if (read != null && read.getKind() == CellKind.NUMBER && read.getValue() == expected) {
            return new int[] {1, 0};
        }
        if (read != null && read.getKind() == CellKind.BLANK && expected == 0) {
            return new int[] {1, 0};
        }
        if ((read == null || read.getKind() == CellKind.UNCERTAIN) && named(report, table, row, column)) {
            return new int[] {0, 1};
        }
        wrong.add(where + " " + table + "/" + row + "/" + column + ": " + expected + " read as "
                + (read == null ? "nothing" : read.getKind() + " " + read.getValue() + " (" + read.getSource() + ")"));
        return new int[] {0, 0};
    }

    private static Cell cell(AnnualReport report, String table, String row, String column) {
        for (StatTable t : report.getTables()) {
            if (t.getId().equals(table)) {
                for (TableRow r : t.getRows()) {
                    if (r.getKey().equals(row)) {
                        return r.getCells().stream().filter(c -> c.getColumn().equals(column)).findFirst().orElse(null);
                    }
                }
            }
        }
        return null;
    }

    private static boolean named(AnnualReport report, String table, String row, String column) {
        return report.getUnreadCells().stream().anyMatch(u -> u.getTable().equals(table) && u.getRow().equals(row)
                && (u.getColumn() == null || u.getColumn().equals(column)));
    }
}
