package dev.govwatch.extractor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Figures printed without separators are split as every reading the row's arithmetic allows. */
class DigitRunsTest {

    @Test
    void aRowOfTableThreeSplitsByItsTotal() {
        // 64, 2, 0, 0, 0, 0 and their total 66
        assertThat(DigitRuns.split("642000066", 7, 7)).containsExactly(new long[] {64, 2, 0, 0, 0, 0, 66});
        // no arithmetic: 0, 0, 12 is the only reading without leading zeros
        assertThat(DigitRuns.split("0012", 3, 0)).containsExactly(new long[] {0, 0, 12});
        assertThat(DigitRuns.split("12387", 3, 0)).hasSize(6);
    }

    /**
     * The search that tries one continuation for a group's total and builds each number from the one
     * before finds the same splits in the same order as trying every length and parsing each number
     * (the search it replaced, below), on digits drawn from real rows and at random.
     */
    @Test
    void findsWhatTryingEveryLengthFinds() {
        Random random = new Random(2026);
        int compared = 0;
        int cutShort = 0;
        int withSplits = 0;
        for (int i = 0; i < 20_000; i++) {
            int width = 2 + random.nextInt(13);
            int groupSize = random.nextInt(3) == 0 ? 0 : List.of(width, 5, 7, 3).get(random.nextInt(4));
            if (groupSize > width) {
                groupSize = width;
            }
            String digits = random.nextBoolean() ? row(random, width, groupSize) : randomDigits(random, width);
            long[] steps = {0};
            List<long[]> expected = reference(digits, width, groupSize, steps);
            List<long[]> splits = DigitRuns.split(digits, width, groupSize);
            if (steps[0] > REFERENCE_STEPS) {
                // The reference gave up after its steps: the search that skips dead ends gets further,
                // along the same order, so what the reference found comes first.
                assertThat(splits.subList(0, Math.min(splits.size(), expected.size()))).as("%s over %d cells, groups of %d", digits, width, groupSize)
                        .containsExactlyElementsOf(expected);
                cutShort++;
            } else {
                assertThat(splits).as("%s over %d cells, groups of %d", digits, width, groupSize).containsExactlyElementsOf(expected);
            }
            compared++;
            withSplits += expected.isEmpty() ? 0 : 1;
        }
        assertThat(compared).isEqualTo(20_000);
        assertThat(withSplits).as("rows with at least one split").isGreaterThan(5_000);
        assertThat(cutShort).as("rows the reference gave up on").isLessThan(200);
    }

    /** A row as a report prints it: groups of figures, each group's last its total, run together. */
    private static String row(Random random, int width, int groupSize) {
        StringBuilder digits = new StringBuilder();
        long sum = 0;
        for (int c = 0; c < width; c++) {
            boolean total = groupSize > 0 && (c + 1) % groupSize == 0;
            long value = total ? sum : random.nextInt(4) == 0 ? random.nextInt(random.nextBoolean() ? 10 : 2_000) : 0;
            digits.append(value);
            sum = total ? 0 : sum + value;
        }
        return digits.toString();
    }

    private static String randomDigits(Random random, int width) {
        StringBuilder digits = new StringBuilder();
        int length = width + random.nextInt(width);
        for (int i = 0; i < length; i++) {
            digits.append((char) ('0' + (random.nextInt(3) == 0 ? 0 : random.nextInt(10))));
        }
        return digits.toString();
    }

    /** Every length tried at every cell, each number parsed, a group kept where its last cell is the sum. */
    private static final long REFERENCE_STEPS = 2_000_000;

    private static List<long[]> reference(String digits, int width, int groupSize, long[] steps) {
        List<long[]> found = new ArrayList<>();
        referenceSearch(digits, 0, new long[width], 0, groupSize, found, steps);
        return found;
    }

    private static void referenceSearch(String digits, int pos, long[] cells, int index, int groupSize, List<long[]> found,
                                        long[] steps) {
        if (found.size() > DigitRuns.MAX_SPLITS || ++steps[0] > REFERENCE_STEPS) {
            return;
        }
        int width = cells.length;
        if (index == width) {
            if (pos == digits.length()) {
                found.add(cells.clone());
            }
            return;
        }
        int remainingCells = width - index;
        int remainingDigits = digits.length() - pos;
        if (remainingDigits < remainingCells || remainingDigits > remainingCells * 7) {
            return;
        }
        int maxLength = digits.charAt(pos) == '0' ? 1 : Math.min(7, remainingDigits - (remainingCells - 1));
        for (int len = 1; len <= maxLength; len++) {
            cells[index] = Long.parseLong(digits, pos, pos + len, 10);
            if (groupSize > 0 && (index + 1) % groupSize == 0) {
                long sum = 0;
                for (int c = index + 1 - groupSize; c < index; c++) {
                    sum += cells[c];
                }
                if (sum != cells[index]) {
                    continue;
                }
            }
            referenceSearch(digits, pos + len, cells, index + 1, groupSize, found, steps);
        }
    }
}
