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
     * The search that tries one continuation for a group's total, builds each number from the one
     * before and stops a number from growing past what the digits left can hold finds the same splits
     * in the same order as listing every split and keeping those whose groups add up (below), on
     * digits drawn from real rows and at random.
     */
    @Test
    void findsWhatListingEverySplitFinds() {
        Random random = new Random(2026);
        int withSplits = 0;
        for (int i = 0; i < 3_000; i++) {
            int width = 2 + random.nextInt(8);
            int groupSize = random.nextInt(3) == 0 ? 0 : List.of(width, 5, 7, 3).get(random.nextInt(4));
            if (groupSize > width) {
                groupSize = width;
            }
            String digits = random.nextBoolean() ? row(random, width, groupSize) : randomDigits(random, width);
            if (digits.length() > width + 9) {
                continue; // keeps the listing of every split small
            }
            List<long[]> expected = everySplitThatAddsUp(digits, width, groupSize);
            assertThat(DigitRuns.split(digits, width, groupSize)).as("%s over %d cells, groups of %d", digits, width, groupSize)
                    .containsExactlyElementsOf(expected);
            withSplits += expected.isEmpty() ? 0 : 1;
        }
        assertThat(withSplits).as("rows with at least one split").isGreaterThan(1_000);
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

    /**
     * Every way to cut {@code digits} into {@code width} numbers of at most seven digits without
     * leading zeros, shortest first number first, those whose groups add up, at most as many as
     * {@link DigitRuns#split} lists.
     */
    private static List<long[]> everySplitThatAddsUp(String digits, int width, int groupSize) {
        List<long[]> kept = new ArrayList<>();
        for (List<String> cut : cuts(digits, width)) {
            long[] cells = cut.stream().mapToLong(Long::parseLong).toArray();
            boolean addsUp = true;
            for (int end = groupSize - 1; groupSize > 0 && end < width; end += groupSize) {
                long sum = 0;
                for (int c = end - groupSize + 1; c < end; c++) {
                    sum += cells[c];
                }
                addsUp &= sum == cells[end];
            }
            if (addsUp && kept.size() <= DigitRuns.MAX_SPLITS) {
                kept.add(cells);
            }
        }
        return kept;
    }

    private static List<List<String>> cuts(String digits, int parts) {
        List<List<String>> all = new ArrayList<>();
        if (parts == 0) {
            if (digits.isEmpty()) {
                all.add(new ArrayList<>());
            }
            return all;
        }
        for (int length = 1; length <= Math.min(7, digits.length()); length++) {
            String first = digits.substring(0, length);
            if (first.length() > 1 && first.charAt(0) == '0') {
                break;
            }
            for (List<String> rest : cuts(digits.substring(length), parts - 1)) {
                rest.add(0, first);
                all.add(rest);
            }
        }
        return all;
    }
}
