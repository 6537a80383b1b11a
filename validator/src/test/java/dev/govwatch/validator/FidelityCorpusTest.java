package dev.govwatch.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.govwatch.samples.PrintedReport;
import dev.govwatch.samples.Renderings;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.UnreadCell;
import dev.govwatch.schemas.template.ReportTemplate;

/**
 * The fidelity corpus: reports with known figures (drawn per try from the run seed, see
 * {@link SeededTries}) on the 2019 and the 2021 template, rendered in every shape of
 * {@link Renderings.Shape}, read back by the real
 * extractor, every cell of tables 三 and 四 compared with its figure. A cell is right, UNCERTAIN
 * (named in the report's unread cells), or wrong; a cell that is missing without being named is
 * counted as wrong too, because that is a silent loss. Wrong must be 0 for every shape. The table
 * it prints is the one in docs/FIDELITY.md.
 */
class FidelityCorpusTest {

    private static final int REPORTS_PER_SHAPE = 25;
    private static final Map<String, int[]> TALLY = new java.util.LinkedHashMap<>();
    private final Validation validation = new Validation(Rules.ALL, Deadlines.national());

    static Stream<Arguments> renderings() {
        List<Arguments> all = new ArrayList<>();
        for (Renderings.Template template : Renderings.Template.values()) {
            for (Renderings.Shape shape : Renderings.Shape.values()) {
                all.add(Arguments.of(template, shape));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("renderings")
    void everyCellIsReadRightOrNamedAsUnread(Renderings.Template template, Renderings.Shape shape) {
        Assumptions.assumeTrue(shape != Renderings.Shape.PDF_TABLE || PrintedReport.canPrint(),
                "printing a PDF needs a Chinese TrueType font (scripts/install-ocr installs fonts-wqy-microhei)");
        int[] tally = new int[3];
        List<String> wrong = new ArrayList<>();
        java.util.Random draw = new java.util.Random(SeededTries.RUN_SEED + shape.ordinal() * 2L + template.ordinal());
        for (int n = 0; n < REPORTS_PER_SHAPE; n++) {
            int seed = 1 + draw.nextInt(1_000_000);
            Report2021Page figures = new Report2021Page(seed);
            Renderings.Rendered rendered = Renderings.render(figures, shape, template);
            AnnualReport report = TestReports.extract(rendered.body(), rendered.contentType(),
                    "http://test.gov.cn/" + shape + "-" + seed);
            assertThat(report.getGeneration().name()).as("%s %s seed %d", template, shape, seed).isEqualTo(template.name());
            compare(report, Renderings.expectedT3(figures, template), figures.t4, tally, wrong,
                    template + " seed " + seed + " (-Dgovwatch.seed=" + SeededTries.RUN_SEED + ")");

            List<Alert> alerts = validation.evaluate(report, null, null, Instant.EPOCH);
            assertThat(alerts).as("%s seed %d: %s", shape, seed, alerts.stream().map(Alert::getMessage).toList())
                    .noneMatch(a -> a.getCategory() == AlertCategory.INCONSISTENT);
            if (report.getUnreadCells().isEmpty()) {
                assertThat(alerts).as("%s seed %d: %s", shape, seed, alerts.stream().map(Alert::getMessage).toList())
                        .noneMatch(a -> a.getCategory() == AlertCategory.INCOMPLETE);
            } else {
                assertThat(alerts).as("%s seed %d", shape, seed).extracting(Alert::getRule).contains("UNREAD_CELLS");
                assertThat(alerts).as("%s seed %d", shape, seed).filteredOn(a -> a.getCategory() == AlertCategory.INCOMPLETE)
                        .extracting(Alert::getRule).containsOnly("UNREAD_CELLS");
            }
        }
        TALLY.put(template + " " + shape, tally);
        assertThat(wrong).as("%s: wrong or silently lost cells", shape).isEmpty();
    }

    private static void compare(AnnualReport report, Map<String, long[]> t3, long[] t4, int[] tally, List<String> wrong,
                                String where) {
        ReportFacts facts = new ReportFacts(report);
        for (String row : t3.keySet()) {
            long[] expected = t3.get(row);
            for (int c = 0; c < 7; c++) {
                check(report, facts, "T3", row, ReportTemplate.T3_COLUMNS.get(c), expected[c], tally, wrong, where);
            }
        }
        for (int i = 0; i < 15; i++) {
            String group = ReportTemplate.T4.rows().get(i / 5).key();
            check(report, facts, "T4", group, ReportTemplate.T4_COLUMNS.get(i % 5), t4[i], tally, wrong, where);
        }
    }

    private static void check(AnnualReport report, ReportFacts facts, String table, String row, String column, long expected,
                              int[] tally, List<String> wrong, String where) {
        Cell cell = facts.cell(table, row, column).orElse(null);
        boolean named = report.getUnreadCells().stream().anyMatch(u -> named(u, table, row, column));
        if (cell != null && cell.getKind() == CellKind.NUMBER && cell.getValue() == expected) {
            tally[0]++;
        } else if (cell != null && cell.getKind() == CellKind.BLANK && expected == 0) {
            tally[0]++;
        } else if (named && (cell == null || cell.getKind() == CellKind.UNCERTAIN)) {
            tally[1]++;
            // Uncertain only where several readings really fit: the figure is among the candidates named.
            if (cell != null && cell.getRaw().startsWith("可能为 ")) {
                List<String> candidates = List.of(cell.getRaw().substring("可能为 ".length()).split(" / "));
                boolean among = candidates.contains(Long.toString(expected)) || (expected == 0 && candidates.contains("空白"));
                if (candidates.size() < 2 || !among) {
                    wrong.add(where + " " + table + "/" + row + "/" + column + ": expected " + expected
                            + " among the candidates, named " + cell.getRaw());
                }
            }
        } else {
            tally[2]++;
            wrong.add(where + " " + table + "/" + row + "/" + column + ": expected " + expected + ", read "
                    + (cell == null ? "nothing" : cell.getKind() + " " + cell.getRaw()) + (named ? "" : " (not named as unread)"));
        }
    }

    private static boolean named(UnreadCell u, String table, String row, String column) {
        // A group row named unread as a whole (（六）其他处理 when none of its forms was found) names its rows too.
        boolean rowNamed = u.getRow().equals(row) || (u.getColumn() == null && row.startsWith(u.getRow() + "."));
        return u.getTable().equals(table) && rowNamed && (u.getColumn() == null || u.getColumn().equals(column));
    }

    @AfterAll
    static void printTable() throws IOException {
        StringBuilder md = new StringBuilder("| template and rendering | cells right | UNCERTAIN (named) | wrong or lost |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, int[]> e : TALLY.entrySet()) {
            md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()[0]).append(" | ").append(e.getValue()[1])
                    .append(" | ").append(e.getValue()[2]).append(" |\n");
        }
        System.out.println("Fidelity corpus, " + REPORTS_PER_SHAPE + " reports per rendering, -Dgovwatch.seed="
                + SeededTries.RUN_SEED + "\n" + md);
        Path out = Path.of("target", "fidelity.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
    }
}
