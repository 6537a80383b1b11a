package dev.govwatch.extractor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.govwatch.schemas.CellKind;

class RowAlignerTest {

    @Test
    void aFullRowIsTakenAsPrinted() {
        var aligned = new RowAligner(7, 7).align(cells("3", "1", "0", "0", "0", "0", "4"));

        assertThat(aligned.realigned()).isFalse();
        assertThat(values(aligned.cells())).containsExactly(3d, 1d, 0d, 0d, 0d, 0d, 4d);
    }

    @Test
    void amongZerosItDoesNotMatterWhichCellWasDropped() {
        var aligned = new RowAligner(7, 7).align(cells("0", "0", "0", "0", "0", "0"));

        assertThat(aligned.uncertain()).isFalse();
        assertThat(values(aligned.cells())).containsExactly(0d, 0d, 0d, 0d, 0d, 0d, 0d);
    }

    @Test
    void theArithmeticOfOneGroupPlacesTheGapInTheOther() {
        // Group one (1 + 1 + 0 + 0 = 2) only adds up if it is complete, so the dropped cell is in
        // group two, where every cell is 0 whichever it was.
        var aligned = new RowAligner(10, 5).align(cells("1", "1", "0", "0", "2", "0", "0", "0", "0"));

        assertThat(aligned.uncertain()).isFalse();
        assertThat(values(aligned.cells())).containsExactly(1d, 1d, 0d, 0d, 2d, 0d, 0d, 0d, 0d, 0d);
    }

    @Test
    void aGapThatCouldShiftAUniqueValueLeavesThoseColumnsUncertain() {
        var aligned = new RowAligner(4, 4).align(cells("5", "2", "7"));

        assertThat(aligned.uncertain()).isTrue();
        assertThat(aligned.cells().get(3).value()).isEqualTo(7d);
        assertThat(aligned.cells().get(0).kind()).isEqualTo(CellKind.UNCERTAIN);
    }

    @Test
    void numbersThatCouldSitInSeveralColumnsAreLeftEmpty() {
        // 1 could be any applicant column: only the total is certain.
        var aligned = new RowAligner(7, 7).align(cells("1", "0", "0", "0", "0", "1"));

        assertThat(aligned.uncertain()).isTrue();
        assertThat(aligned.cells().get(6).value()).isEqualTo(1d);
        assertThat(aligned.cells().get(0).kind()).isEqualTo(CellKind.UNCERTAIN);
        assertThat(aligned.cells().get(0).value()).isNull();
    }

    @Test
    void thirteenNumbersForTableFourKeepOnlyTheGroupTotals() {
        // Seed 000's table 四: two of the fifteen cells were dropped.
        var aligned = new RowAligner(15, 5).align(cells("0", "0", "0", "0", "0", "4", "0", "0", "4", "1", "0", "0", "1"));

        assertThat(aligned.cells().get(4).value()).isEqualTo(0d);
        assertThat(aligned.cells().get(9).value()).isEqualTo(4d);
        assertThat(aligned.cells().get(14).value()).isEqualTo(1d);
        assertThat(aligned.cells().get(5).kind()).isEqualTo(CellKind.UNCERTAIN);
    }

    @Test
    void aRowWhoseArithmeticCannotHoldIsLeftUncertainNotForced() {
        var aligned = new RowAligner(7, 7).align(cells("9", "9", "9", "9", "9", "1"));

        assertThat(aligned.uncertain()).isTrue();
        assertThat(aligned.cells()).allMatch(c -> c.kind() == CellKind.UNCERTAIN && c.value() == null);
    }

    @Test
    void tooManyCellsAreNeverSpreadOverTheColumns() {
        var aligned = new RowAligner(3, 0).align(cells("1", "2", "3", "4"));

        assertThat(aligned.cells()).hasSize(3).allMatch(c -> c.kind() == CellKind.UNCERTAIN);
    }

    private static List<CellValue> cells(String... printed) {
        return Arrays.stream(printed).map(CellValue::parse).toList();
    }

    private static List<Double> values(List<CellValue> cells) {
        return cells.stream().map(CellValue::value).toList();
    }
}
