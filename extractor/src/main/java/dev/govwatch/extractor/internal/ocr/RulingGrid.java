package dev.govwatch.extractor.internal.ocr;

import java.awt.image.Raster;
import java.util.ArrayList;
import java.util.List;

/**
 * The cells a table's ruling lines draw on a page image. Found before the lines are erased: a
 * horizontal ruling is a run of dark pixels longer than any character, a vertical one likewise;
 * the lines one or two pixels apart (a ruling's thickness) are one. A cell is the box between two
 * consecutive horizontal rulings and two consecutive vertical rulings that cross that band, so that
 * merged cells (a label spanning rows, a header spanning columns) come out as one cell.
 */
public final class RulingGrid {

    /** One cell of the grid, in image pixels. */
    public record Box(int left, int top, int right, int bottom) {
        public int width() {
            return right - left;
        }

        public int height() {
            return bottom - top;
        }

        public boolean contains(float x, float y) {
            return x >= left && x < right && y >= top && y < bottom;
        }
    }

    private record Ruling(int at, int from, int to) {
    }

    private final List<Box> cells;

    private RulingGrid(List<Box> cells) {
        this.cells = cells;
    }

    public List<Box> cells() {
        return cells;
    }

    /** The grid of a straightened grey page; empty when the page has no ruled table. */
    public static RulingGrid of(Raster r, int threshold) {
        int w = r.getWidth();
        int h = r.getHeight();
        int min = Math.max(60, Math.min(w, h) / 20);
        List<Ruling> horizontal = merge(runs(r, threshold, min, true));
        List<Ruling> vertical = merge(runs(r, threshold, min, false));
        List<Box> cells = new ArrayList<>();
        for (int i = 0; i + 1 < horizontal.size(); i++) {
            Ruling top = horizontal.get(i);
            for (int j = i + 1; j < horizontal.size(); j++) {
                Ruling bottom = horizontal.get(j);
                if (bottom.at() - top.at() < 12) {
                    continue;
                }
                List<Integer> xs = new ArrayList<>();
                for (Ruling v : vertical) {
                    if (v.from() <= top.at() + 6 && v.to() >= bottom.at() - 6) {
                        xs.add(v.at());
                    }
                }
                // the band between these two rulings is a row of cells where a horizontal ruling
                // crosses each of its cells at both ends; otherwise a taller band is tried
                for (int k = 0; k + 1 < xs.size(); k++) {
                    int x0 = xs.get(k);
                    int x1 = xs.get(k + 1);
                    if (x1 - x0 < 12) {
                        continue;
                    }
                    if (covers(top, x0, x1) && covers(bottom, x0, x1) && !crossed(horizontal, i, j, x0, x1)) {
                        cells.add(new Box(x0, top.at(), x1, bottom.at()));
                    }
                }
            }
        }
        return new RulingGrid(cells);
    }

    private static boolean covers(Ruling line, int x0, int x1) {
        return line.from() <= x0 + 6 && line.to() >= x1 - 6;
    }

    /** Whether a ruling between {@code i} and {@code j} runs across the cell (then it is two cells). */
    private static boolean crossed(List<Ruling> horizontal, int i, int j, int x0, int x1) {
        for (int k = i + 1; k < j; k++) {
            Ruling line = horizontal.get(k);
            if (line.from() <= x0 + (x1 - x0) / 2 && line.to() >= x0 + (x1 - x0) / 2) {
                return true;
            }
        }
        return false;
    }

    private static List<Ruling> runs(Raster r, int threshold, int min, boolean horizontal) {
        int outer = horizontal ? r.getHeight() : r.getWidth();
        int inner = horizontal ? r.getWidth() : r.getHeight();
        int[] line = new int[inner];
        List<Ruling> found = new ArrayList<>();
        for (int o = 0; o < outer; o++) {
            if (horizontal) {
                r.getSamples(0, o, inner, 1, 0, line);
            } else {
                r.getSamples(o, 0, 1, inner, 0, line);
            }
            int run = 0;
            int gap = 0;
            int start = -1;
            for (int i = 0; i <= inner; i++) {
                boolean dark = i < inner && line[i] <= threshold;
                if (dark) {
                    if (start < 0) {
                        start = i;
                    }
                    run = i - start + 1;
                    gap = 0;
                } else if (start >= 0) {
                    // a scan breaks a ruling here and there: gaps of a few pixels do not end it
                    gap++;
                    if (gap > 4 || i == inner) {
                        if (run >= min) {
                            found.add(new Ruling(o, start, start + run));
                        }
                        start = -1;
                        run = 0;
                        gap = 0;
                    }
                }
            }
        }
        return found;
    }

    /** Runs on neighbouring pixel rows (or columns) that overlap are one ruling, at their middle. */
    private static List<Ruling> merge(List<Ruling> runs) {
        List<Ruling> merged = new ArrayList<>();
        List<List<Ruling>> groups = new ArrayList<>();
        for (Ruling run : runs) {
            List<Ruling> home = null;
            for (List<Ruling> g : groups) {
                Ruling last = g.get(g.size() - 1);
                if (run.at() - last.at() <= 3 && run.from() < last.to() && run.to() > last.from()) {
                    home = g;
                    break;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                groups.add(home);
            }
            home.add(run);
        }
        for (List<Ruling> g : groups) {
            int from = g.stream().mapToInt(Ruling::from).min().orElseThrow();
            int to = g.stream().mapToInt(Ruling::to).max().orElseThrow();
            merged.add(new Ruling((g.get(0).at() + g.get(g.size() - 1).at()) / 2, from, to));
        }
        merged.sort(java.util.Comparator.comparingInt(Ruling::at));
        return merged;
    }
}
