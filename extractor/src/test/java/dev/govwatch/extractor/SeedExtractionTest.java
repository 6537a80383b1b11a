package dev.govwatch.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.FetchedPage;

/**
 * The five real seed reports, each in three page shapes (flattened text as given, a TRS page with
 * real tables, the TRS page in GBK), must give the same figures, read field by field.
 */
class SeedExtractionTest {

    private static final String[] KEYS = {"agency", "region", "level", "year", "format", "published", "title",
        "apps.new.total", "apps.carriedIn.total", "apps.granted.total", "apps.partial.total", "apps.results.total",
        "apps.carriedOut.total", "review.reconsideration.total", "review.litigation.total"};

    /** Expected values in KEYS order, read by hand from the seed texts. */
    private static final Map<String, Object[]> EXPECTED = Map.of(
            "000", new Object[] {"沂源县人民政府", "沂源县", "COUNTY", 2019, "F2019", "2020-02-20",
                "沂源县2019年政府信息公开工作年度报告", 34L, 0L, 24L, 3L, 34L, 0L, 0L, 5L},
            "001", new Object[] {"邢台市襄都区政府办公室", "邢台市襄都区", "DEPARTMENT", 2020, "F2019", "2021-02-19",
                null, 81L, 0L, 25L, 8L, 79L, 2L, 0L, 3L},
            "002", new Object[] {"南县人民政府", "南县", "COUNTY", 2017, "PRE_2019", "2018-03-29",
                "南县2017年政府信息公开年度报告", 13L, null, 13L, 0L, 13L, null, 2L, 0L},
            "003", new Object[] {"疏勒县人民政府", "疏勒县", "COUNTY", 2019, "F2019", null,
                "疏勒县人民政府2019年政府信息公开工作年度报告", null, null, null, null, null, null, null, null},
            "004", new Object[] {"西峡县人民政府", "西峡县", "COUNTY", 2019, "F2019", null,
                "西峡县人民政府2019年政府信息公开工作年度报告", 1L, 0L, 0L, 0L, 1L, 0L, 0L, 0L});

    private static final Map<String, BiFunction<String, String, FetchedPage>> SHAPES = Map.of(
            "flattened text", PageShapes::plainText,
            "TRS page with tables", (text, url) -> PageShapes.trsHtml(text, url, null),
            "GBK TRS page", (text, url) -> PageShapes.gbkHtml(text, url, null));

    static Stream<Arguments> seedsAndShapes() {
        List<Arguments> cases = new ArrayList<>();
        for (String seed : new String[] {"000", "001", "002", "003", "004"}) {
            for (String shape : SHAPES.keySet()) {
                cases.add(Arguments.of(seed, shape));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "seed {0} as {1}")
    @MethodSource("seedsAndShapes")
    void everyShapeOfASeedGivesItsFigures(String seed, String shape) {
        AnnualReport report = extract(seed, shape);
        Map<String, Object> flat = FlatReport.of(report);

        Map<String, Object> actual = new HashMap<>();
        Map<String, Object> expected = new HashMap<>();
        Object[] values = EXPECTED.get(seed);
        for (int i = 0; i < KEYS.length; i++) {
            actual.put(KEYS[i], flat.get(KEYS[i]));
            expected.put(KEYS[i], values[i]);
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(report.getExtractorVersion()).isEqualTo(ReportExtractor.VERSION);
    }

    @Test
    void seed000TableFourPrintsThirteenNumbersSoOnlyTheTotalsAreCertain() {
        AnnualReport report = extract("000", "flattened text");

        assertThat(cell(report, "T4", "review.reconsideration", "total").getValue()).isEqualTo(0.0);
        assertThat(cell(report, "T4", "review.litigationDirect", "total").getValue()).isEqualTo(4.0);
        assertThat(cell(report, "T4", "review.litigationAfterReview", "total").getValue()).isEqualTo(1.0);
        assertThat(cell(report, "T4", "review.litigationDirect", "upheld").getKind()).isEqualTo(CellKind.UNCERTAIN);
        assertThat(cell(report, "T4", "review.litigationDirect", "upheld").getValue()).isNull();
        assertThat(report.getWarnings()).anyMatch(w -> w.startsWith("表四: 13 cells printed for 15"));
    }

    @Test
    void seed000KeepsTableTwoIncrementsAndAmountsWithTheirRawText() {
        AnnualReport report = extract("000", "flattened text");

        Cell licensingChange = cell(report, "T2", "active.licensing", "change");
        assertThat(licensingChange.getValue()).isEqualTo(89.0);
        assertThat(licensingChange.getRaw()).isEqualTo("+89");
        Cell procurement = cell(report, "T2", "active.procurement", "amount");
        assertThat(procurement.getValue()).isEqualTo(62361.42);
        assertThat(procurement.getRaw()).isEqualTo("62361.42万元");
        assertThat(report.getSections()).extracting(s -> s.getNumber()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void seed001HasAnUnfilledPlaceholderAndQuotesItsFigures() {
        AnnualReport report = extract("001", "flattened text");

        assertThat(report.getPlaceholders()).anyMatch(p -> p.contains("共发布信息余条"));
        assertThat(report.getQuotedFigures()).anyMatch(f -> f.getKind().equals("APPLICATIONS_RECEIVED")
                && f.getValue() == 81 && f.getSentence().contains("81件"));
        assertThat(report.getQuotedFigures()).anyMatch(f -> f.getKind().equals("CARRIED_OVER") && f.getValue() == 2);
    }

    /** Seed 001 (pipe-separated rows) pasted into one line reads the same figures as the seed itself. */
    @Test
    void aSeedPastedIntoOneLineGivesTheSameFigures() {
        AnnualReport lines = extract("001", "flattened text");
        String text = Seeds.text("001").replace("\n", "");
        Extraction extraction = new ReportExtractor().extract(PageShapes.plainText(text, "http://seed.gov.cn/001"), Instant.EPOCH);
        AnnualReport oneLine = ((Extraction.Report) extraction).report();

        Map<String, Object> expected = new java.util.HashMap<>(FlatReport.of(lines));
        Map<String, Object> actual = new java.util.HashMap<>(FlatReport.of(oneLine));
        expected.remove("warnings");
        actual.remove("warnings");
        expected.remove("url");
        actual.remove("url");
        assertThat(actual).isEqualTo(expected);
        assertThat(oneLine.getSections()).hasSize(6);
    }

    /** 本机关不掌握 prints "1 0 0 0 0 … 1" with blanks dropped: the column identities say the 1 is 自然人's. */
    @Test
    void seed004RowWithDroppedCellsIsPlacedByTheTableIdentities() {
        AnnualReport report = extract("004", "flattened text");

        Cell naturalPerson = cell(report, "T3", "apps.unable.notHeld", "naturalPerson");
        assertThat(naturalPerson.getKind()).isEqualTo(dev.govwatch.schemas.CellKind.NUMBER);
        assertThat(naturalPerson.getValue()).isEqualTo(1d);
        assertThat(naturalPerson.getSource()).isEqualTo(dev.govwatch.schemas.CellSource.REALIGNED);
        assertThat(cell(report, "T3", "apps.unable.notHeld", "commercial").getValue()).isEqualTo(0d);
        assertThat(report.getUnreadCells()).isEmpty();
    }

    @Test
    void seed003HasHeadingsButNoTables() {
        AnnualReport report = extract("003", "flattened text");

        assertThat(report.getTables()).isEmpty();
        assertThat(report.getSections()).extracting(s -> s.getNumber()).contains(2, 3, 4);
    }

    @Test
    void seed002OldTableKeepsStaffAndChannelBreakdowns() {
        AnnualReport report = extract("002", "flattened text");

        assertThat(cell(report, "OLD", "apps.channel.online", "total").getValue()).isEqualTo(10.0);
        assertThat(cell(report, "OLD", "apps.channel.letter", "total").getValue()).isEqualTo(3.0);
        assertThat(cell(report, "OLD", "staff", "total").getValue()).isEqualTo(73.0);
        assertThat(cell(report, "OLD", "staff.fullTime", "total").getValue()).isEqualTo(2.0);
        assertThat(cell(report, "OLD", "staff.partTime", "total").getValue()).isEqualTo(71.0);
        assertThat(cell(report, "OLD", "review.reconsideration.corrected", "total").getValue()).isEqualTo(2.0);
        assertThat(cell(report, "OLD", "funding", "total").getValue()).isEqualTo(5.0);
    }

    static AnnualReport extract(String seed, String shape) {
        String text = Seeds.text(seed);
        FetchedPage page = SHAPES.get(shape).apply(text, "http://example.gov.cn/" + seed + ".html");
        Extraction extraction = new ReportExtractor().extract(page, Instant.EPOCH);
        assertThat(extraction).isInstanceOf(Extraction.Report.class);
        return ((Extraction.Report) extraction).report();
    }

    static Cell cellOrNull(AnnualReport report, String table, String row, String column) {
        return report.getTables().stream().filter(t -> t.getId().equals(table))
                .flatMap(t -> t.getRows().stream()).filter(r -> r.getKey().equals(row))
                .flatMap(r -> r.getCells().stream()).filter(c -> c.getColumn().equals(column))
                .findFirst().orElse(null);
    }

    static Cell cell(AnnualReport report, String table, String row, String column) {
        return report.getTables().stream().filter(t -> t.getId().equals(table))
                .flatMap(t -> t.getRows().stream()).filter(r -> r.getKey().equals(row))
                .flatMap(r -> r.getCells().stream()).filter(c -> c.getColumn().equals(column))
                .findFirst().orElseThrow(() -> new AssertionError(table + " " + row + " " + column + " not found in "
                        + Arrays.toString(report.getTables().stream().map(t -> t.getId()).toArray())));
    }
}
