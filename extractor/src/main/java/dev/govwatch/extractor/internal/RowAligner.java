package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts the cells printed on a table row into the columns of its header when some cells were
 * dropped. Every placement that keeps the printed order is tried; placements that break the row's
 * arithmetic (each group's total equals the sum of its parts, dropped cells counting as blank)
 * are discarded, as are placements that leave a group's total empty (they could not be checked);
 * a column gets a value only if every remaining placement gives it the same
 * number. Everything else stays {@link CellValue#uncertain uncertain}: a number is never put in a
 * column it may not belong to.
 */
public final class RowAligner {

    /** Above this many placements the row is left uncertain rather than searched. */
    private static final int MAX_PLACEMENTS = 200_000;

    private final int width;
    private final int groupSize;

    /**
     * @param width     number of columns
     * @param groupSize size of each group whose last column is the group's total; 0 for no arithmetic
     */
    public RowAligner(int width, int groupSize) {
        this.width = width;
        this.groupSize = groupSize;
    }

    /** Size of each group whose last column is the group's total; 0 for no arithmetic. */
    public int groupSize() {
        return groupSize;
    }

    /** Whether rows are checked against group totals. */
    public boolean hasArithmetic() {
        return groupSize > 0;
    }

    /**
     * The outcome: one cell per column, whether any realignment or doubt was involved, and where
     * the row stays uncertain with integer figures only, every placement that fits the row as the
     * row's figures (so that the whole table can decide among them), else empty.
     */
    public record Aligned(List<CellValue> cells, boolean realigned, boolean uncertain, List<long[]> alternatives) {

        Aligned(List<CellValue> cells, boolean realigned, boolean uncertain) {
            this(cells, realigned, uncertain, List.of());
        }
    }

    public Aligned align(List<CellValue> printed) {
        if (printed.size() == width) {
            return new Aligned(printed, false, false);
        }
        // An OCR'd row short of cells lost figures the engine missed, not blanks a typist dropped:
        // placing what is left by the arithmetic would make a missed figure a zero.
        boolean ocr = printed.stream().anyMatch(c -> c.confidence() != null);
        if (ocr || printed.size() > width || groupSize == 0 || binomial(width, printed.size()) > MAX_PLACEMENTS) {
            return new Aligned(allUncertain(printed), true, true);
        }
        List<int[]> valid = new ArrayList<>();
        List<int[]> validWithTotals = new ArrayList<>();
        place(printed, new int[printed.size()], 0, 0, valid, validWithTotals);
        // A placement that leaves a group total empty cannot be checked, so it is never trusted.
        List<int[]> placements = validWithTotals;
        if (placements.isEmpty()) {
            return new Aligned(allUncertain(printed), true, true);
        }
        List<CellValue> cells = new ArrayList<>(width);
        boolean uncertain = false;
        for (int col = 0; col < width; col++) {
            java.util.Set<Object> values = new java.util.HashSet<>();
            CellValue first = null;
            boolean alwaysGap = true;
            boolean alwaysPrinted = true;
            for (int[] placement : placements) {
                CellValue cell = cellAt(printed, placement, col);
                alwaysGap &= cell == null;
                alwaysPrinted &= cell != null;
                Double summand = cell == null ? Double.valueOf(0) : cell.asSummand();
                values.add(summand != null ? summand : "raw:" + cell.raw());
                if (first == null) {
                    first = cell;
                }
            }
            if (alwaysGap) {
                cells.add(CellValue.blank(""));
            } else if (values.size() == 1 && alwaysPrinted) {
                cells.add(first.from(dev.govwatch.schemas.CellSource.REALIGNED));
            } else if (values.size() == 1 && values.contains(0d)) {
                // Dropped cells are blanks: among zeros it does not matter which one was dropped.
                cells.add(CellValue.number(0, "0").from(dev.govwatch.schemas.CellSource.REALIGNED));
            } else {
                uncertain = true;
                cells.add(CellValue.uncertain(candidates(printed, placements, col)));
            }
        }
        return new Aligned(cells, true, uncertain, uncertain ? alternatives(printed, placements) : List.of());
    }

    /** The placements as rows of integers (a gap is a blank, so 0), or none if a figure is not an integer. */
    private List<long[]> alternatives(List<CellValue> printed, List<int[]> placements) {
        if (placements.size() > DigitRuns.MAX_SPLITS) {
            return List.of();
        }
        List<long[]> rows = new ArrayList<>();
        for (int[] placement : placements) {
            long[] row = new long[width];
            for (int i = 0; i < placement.length; i++) {
                Double v = printed.get(i).asSummand();
                if (v == null || v != Math.rint(v)) {
                    return List.of();
                }
                row[placement[i]] = v.longValue();
            }
            rows.add(row);
        }
        return rows;
    }

    /** Enumerates order-keeping placements of printed cells into columns. */
    private void place(List<CellValue> printed, int[] columns, int index, int firstColumn,
                       List<int[]> valid, List<int[]> validWithTotals) {
        if (index == printed.size()) {
            if (arithmeticHolds(printed, columns)) {
                valid.add(columns.clone());
                if (totalsPrinted(columns)) {
                    validWithTotals.add(columns.clone());
                }
            }
            return;
        }
        int remaining = printed.size() - index;
        for (int col = firstColumn; col <= width - remaining; col++) {
            columns[index] = col;
            place(printed, columns, index + 1, col + 1, valid, validWithTotals);
        }
    }

    private boolean arithmeticHolds(List<CellValue> printed, int[] columns) {
        Double[] values = new Double[width];
        boolean[] present = new boolean[width];
        for (int i = 0; i < columns.length; i++) {
            values[columns[i]] = printed.get(i).asSummand();
            present[columns[i]] = true;
        }
        for (int start = 0; start + groupSize <= width; start += groupSize) {
            int total = start + groupSize - 1;
            if (!present[total] || values[total] == null) {
                continue;
            }
            double sum = 0;
            for (int c = start; c < total; c++) {
                if (present[c]) {
                    if (values[c] == null) {
                        sum = Double.NaN;
                        break;
                    }
                    sum += values[c];
                }
            }
            if (!Double.isNaN(sum) && Math.abs(sum - values[total]) > 1e-6) {
                return false;
            }
        }
        return true;
    }

    private boolean totalsPrinted(int[] columns) {
        int groups = width / groupSize;
        int found = 0;
        for (int column : columns) {
            if ((column + 1) % groupSize == 0) {
                found++;
            }
        }
        return found == groups;
    }

    private static CellValue cellAt(List<CellValue> printed, int[] placement, int col) {
        for (int i = 0; i < placement.length; i++) {
            if (placement[i] == col) {
                return printed.get(i);
            }
        }
        return null;
    }

    private static String candidates(List<CellValue> printed, List<int[]> placements, int col) {
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        for (int[] placement : placements) {
            CellValue cell = cellAt(printed, placement, col);
            seen.add(cell == null ? "空白" : cell.raw());
        }
        return "可能为 " + String.join(" / ", seen);
    }

    private List<CellValue> allUncertain(List<CellValue> printed) {
        List<CellValue> cells = new ArrayList<>(width);
        String all = String.join(" ", printed.stream().map(CellValue::raw).toList());
        for (int i = 0; i < width; i++) {
            cells.add(CellValue.uncertain("该行印为 " + all + "，无法对应各栏"));
        }
        return cells;
    }

    private static long binomial(int n, int k) {
        long result = 1;
        for (int i = 1; i <= k; i++) {
            result = result * (n - k + i) / i;
        }
        return result;
    }
}
