package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a row's figures that were printed with no separator ({@code 6420000066} for 64, 2, 0, 0, 0,
 * 0, 66) into the row's cells. Every split into {@code width} numbers without leading zeros is
 * tried, and only those where the row's arithmetic holds (each group's last cell is the sum of the
 * others) are kept; the caller decides among several with the rest of the table, or leaves the
 * cells uncertain. Without arithmetic every split without leading zeros is kept: a run such as
 * {@code 000} or {@code 0012} over three cells has only one.
 */
public final class DigitRuns {

    /** No figure in these tables has more digits. */
    private static final int MAX_DIGITS_PER_CELL = 7;
    /** Beyond this many splits the row is called ambiguous without listing them all. */
    public static final int MAX_SPLITS = 64;
    private static final long MAX_STEPS = 2_000_000;

    private DigitRuns() {
    }

    /** Whether the printed text is a run of digits long enough to hold a row of {@code width} cells. */
    public static boolean isRun(String printed, int width) {
        if (width < 2 || printed.length() < width) {
            return false;
        }
        for (int i = 0; i < printed.length(); i++) {
            if (printed.charAt(i) < '0' || printed.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The splits of {@code digits} into {@code width} numbers that satisfy the arithmetic, at most
     * {@link #MAX_SPLITS} + 1 of them (more means: too many to list).
     *
     * @param groupSize size of each group whose last cell is its total; 0 for none
     */
    public static List<long[]> split(String digits, int width, int groupSize) {
        List<long[]> found = new ArrayList<>();
        long[] steps = {0};
        search(digits, 0, new long[width], 0, groupSize, found, steps);
        return found;
    }

    private static void search(String digits, int pos, long[] cells, int index, int groupSize, List<long[]> found,
                               long[] steps) {
        if (found.size() > MAX_SPLITS || ++steps[0] > MAX_STEPS) {
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
        if (remainingDigits < remainingCells || remainingDigits > remainingCells * MAX_DIGITS_PER_CELL) {
            return;
        }
        int maxLength = digits.charAt(pos) == '0' ? 1 : Math.min(MAX_DIGITS_PER_CELL, remainingDigits - (remainingCells - 1));
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
            search(digits, pos + len, cells, index + 1, groupSize, found, steps);
        }
    }
}
