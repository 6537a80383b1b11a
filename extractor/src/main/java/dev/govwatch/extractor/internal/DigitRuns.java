package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a row's figures that were printed with no separator ({@code 642000066} for 64, 2, 0, 0, 0,
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
        if (groupSize > 0 && (index + 1) % groupSize == 0) {
            // A group's last cell is the sum of the others: only the digits that print that sum can
            // follow, so one continuation is tried, not one per length (the longest part of the search).
            long sum = 0;
            for (int c = index + 1 - groupSize; c < index; c++) {
                sum += cells[c];
            }
            int length = printedAt(digits, pos, maxLength, sum);
            if (length > 0) {
                cells[index] = sum;
                search(digits, pos + length, cells, index + 1, groupSize, found, steps);
            }
            return;
        }
        // The group's total, if this cell has one to come: it is at least the sum so far, so it takes at
        // least that sum's digits, and every cell before it one digit. A longer number only raises
        // both, so the first length that leaves too few digits ends the loop (a table 三 total row of
        // 18 digits over 7 cells: ~290 → ~90 µs).
        int totalIndex = groupSize > 0 ? (index / groupSize + 1) * groupSize - 1 : width;
        boolean bounded = totalIndex < width;
        long sumBefore = 0;
        if (bounded) {
            for (int c = totalIndex + 1 - groupSize; c < index; c++) {
                sumBefore += cells[c];
            }
        }
        int digitsAfterThisCell = (width - index - 1) - 1; // one for each later cell but the total
        // Each longer number from the one before it, not parsed again from the text.
        long value = 0;
        for (int len = 1; len <= maxLength; len++) {
            value = value * 10 + (digits.charAt(pos + len - 1) - '0');
            if (bounded && pos + len + digitsAfterThisCell + digitCount(sumBefore + value) > digits.length()) {
                break;
            }
            cells[index] = value;
            search(digits, pos + len, cells, index + 1, groupSize, found, steps);
        }
    }

    private static int digitCount(long value) {
        int count = 1;
        while (value >= 10) {
            value /= 10;
            count++;
        }
        return count;
    }

    /**
     * How many digits at {@code pos} print {@code value}, or 0 if they do not or it would take more
     * than {@code maxLength} ({@code search} gives 1 where a leading zero allows no longer number).
     */
    private static int printedAt(String digits, int pos, int maxLength, long value) {
        long parsed = 0;
        for (int len = 1; len <= maxLength; len++) {
            parsed = parsed * 10 + (digits.charAt(pos + len - 1) - '0');
            if (parsed == value) {
                return len;
            }
            if (parsed > value) {
                return 0;
            }
        }
        return 0;
    }
}
