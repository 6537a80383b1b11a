package dev.govwatch.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.StatTable;
import dev.govwatch.schemas.TableRow;

/**
 * Properties over generated reports, as seeded tries ({@link SeededTries}) (figures drawn from a seed, read back by the real extractor):
 * a consistent report raises no INCONSISTENT alert, and changing any one cell of table 三 or 四
 * raises at least one that points at the changed row or column.
 */
class ConsistencyPropertiesTest {

    private static final Map<Integer, AnnualReport> EXTRACTED = new ConcurrentHashMap<>();
    private final Validation validation = new Validation(Rules.ALL, Deadlines.national());

    static Stream<Arguments> consistentReports() {
        return SeededTries.tries("consistent", 60, r -> new Object[] {1 + r.nextInt(100_000)});
    }

    static Stream<Arguments> oneCellChanged() {
        return SeededTries.tries("oneCellChanged", 200, r -> new Object[] {
            1 + r.nextInt(100_000), r.nextInt(10_001), 1 + r.nextInt(500), r.nextBoolean()});
    }

    @ParameterizedTest(name = "{0}: figures {1}")
    @MethodSource("consistentReports")
    void aConsistentReportRaisesNoInconsistency(String tryName, int seed) {
        List<Alert> alerts = validation.evaluate(report(seed), null, null, Instant.EPOCH);

        assertThat(alerts).filteredOn(a -> a.getCategory() == AlertCategory.INCONSISTENT).isEmpty();
    }

    @ParameterizedTest(name = "{0}: figures {1}, cell {2}, by {3}, down {4}")
    @MethodSource("oneCellChanged")
    void changingAnyOneCellOfTablesThreeOrFourIsCaught(String tryName, int seed, int cellIndex, int delta, boolean down) {
        AnnualReport report = report(seed);
        List<String[]> cells = cells(report);
        String[] cell = cells.get(cellIndex % cells.size());
        double old = new ReportFacts(report).summand(cell[0], cell[1], cell[2]).orElseThrow();
        double changed = down && old >= delta ? old - delta : old + delta;

        List<Alert> alerts = validation.evaluate(TestReports.withCell(report, cell[0], cell[1], cell[2], changed), null, null,
                Instant.EPOCH);

        assertThat(alerts).as("%s/%s/%s %s → %s", cell[0], cell[1], cell[2], old, changed)
                .filteredOn(a -> a.getCategory() == AlertCategory.INCONSISTENT)
                .anyMatch(a -> a.getId().contains(cell[1]) || a.getId().endsWith("|" + cell[2])
                        || a.getEvidence().stream().anyMatch(e -> e.getWhere().contains(cell[1]) || e.getWhere().endsWith(cell[2])));
    }

    private static AnnualReport report(int seed) {
        return EXTRACTED.computeIfAbsent(seed, TestReports::clean2024);
    }

    /** Every numeric cell of tables 三 and 四 as {table, row, column}. */
    private static List<String[]> cells(AnnualReport report) {
        List<String[]> cells = new java.util.ArrayList<>();
        for (StatTable table : report.getTables()) {
            if (!table.getId().equals("T3") && !table.getId().equals("T4")) {
                continue;
            }
            for (TableRow row : table.getRows()) {
                for (Cell cell : row.getCells()) {
                    cells.add(new String[] {table.getId(), row.getKey(), cell.getColumn()});
                }
            }
        }
        return cells;
    }
}
