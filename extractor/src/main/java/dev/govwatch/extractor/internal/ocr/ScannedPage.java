package dev.govwatch.extractor.internal.ocr;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * A scanned or pasted page image made ready for OCR: grey, straightened and without the table's
 * ruling lines.
 *
 * <p>Straightened because rows are found by baseline: a scanner's 1° tilt moves a row's right end
 * by 40 pixels at 300 dpi, more than the gap between two rows. The tilt is the angle whose
 * horizontal projection of the dark pixels is sharpest (text lines and ruling lines then fall in
 * few pixel rows). The ruling lines are removed because Tesseract reads a cell border as "|", "一"
 * or a stray character and, worse, merges a digit touching a border into it.
 */
public final class ScannedPage {

    private static final double MAX_TILT_DEGREES = 3.0;
    private static final double TILT_STEP_DEGREES = 0.05;

    private final BufferedImage image;
    private final double tiltDegrees;
    private final RulingGrid grid;

    private ScannedPage(BufferedImage image, double tiltDegrees, RulingGrid grid) {
        this.image = image;
        this.tiltDegrees = tiltDegrees;
        this.grid = grid;
    }

    /** The page cleaned for OCR. */
    public static ScannedPage of(BufferedImage source) {
        BufferedImage gray = gray(source);
        int threshold = threshold(gray.getRaster());
        double tilt = tilt(gray.getRaster(), threshold);
        BufferedImage straight = Math.abs(tilt) < TILT_STEP_DEGREES / 2 ? gray : rotate(gray, -tilt);
        RulingGrid grid = RulingGrid.of(straight.getRaster(), threshold);
        eraseRulings(straight.getRaster(), threshold);
        binarize(straight.getRaster(), threshold);
        return new ScannedPage(straight, tilt, grid);
    }

    /** The cells of the page's ruled tables, as found before the rulings were erased. */
    public RulingGrid grid() {
        return grid;
    }

    public BufferedImage image() {
        return image;
    }

    /** The tilt found and undone, in degrees (positive: the page's lines fall to the right). */
    public double tiltDegrees() {
        return tiltDegrees;
    }

    /** The dark pixels in a box of the cleaned page: ink where OCR may have read nothing. */
    public int ink(int left, int top, int width, int height) {
        Raster r = image.getRaster();
        int x0 = Math.max(0, left);
        int y0 = Math.max(0, top);
        int x1 = Math.min(r.getWidth(), left + width);
        int y1 = Math.min(r.getHeight(), top + height);
        if (x1 <= x0 || y1 <= y0) {
            return 0;
        }
        int dark = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (r.getSample(x, y, 0) < 128) {
                    dark++;
                }
            }
        }
        return dark;
    }

    static BufferedImage gray(BufferedImage source) {
        if (source.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            BufferedImage copy = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            copy.setData(source.getRaster());
            return copy;
        }
        BufferedImage gray = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, gray.getWidth(), gray.getHeight());
        g.drawImage(source, 0, 0, null);
        g.dispose();
        return gray;
    }

    /**
     * The grey level that separates ink from paper: Otsu's, but never closer than {@link #INK_CONTRAST}
     * to the paper's own level (the commonest grey). On a page of a few lines of text the paper's
     * noise outweighs the ink, and Otsu alone splits the noise in two.
     */
    static int threshold(Raster r) {
        return Math.min(otsu(r), paper(r) - INK_CONTRAST);
    }

    private static final int INK_CONTRAST = 60;

    private static int paper(Raster r) {
        long[] histogram = new long[256];
        int[] row = new int[r.getWidth()];
        for (int y = 0; y < r.getHeight(); y += 4) {
            r.getSamples(0, y, r.getWidth(), 1, 0, row);
            for (int v : row) {
                histogram[v]++;
            }
        }
        int mode = 255;
        for (int v = 0; v < 256; v++) {
            if (histogram[v] > histogram[mode]) {
                mode = v;
            }
        }
        return mode;
    }

    /** Otsu's threshold: the grey level that best separates the two populations of the histogram. */
    static int otsu(Raster r) {
        long[] histogram = new long[256];
        int[] row = new int[r.getWidth()];
        for (int y = 0; y < r.getHeight(); y++) {
            r.getSamples(0, y, r.getWidth(), 1, 0, row);
            for (int v : row) {
                histogram[v]++;
            }
        }
        long total = (long) r.getWidth() * r.getHeight();
        double sum = 0;
        for (int i = 0; i < 256; i++) {
            sum += i * (double) histogram[i];
        }
        double sumBelow = 0;
        long below = 0;
        double best = -1;
        int threshold = 128;
        for (int t = 0; t < 256; t++) {
            below += histogram[t];
            if (below == 0) {
                continue;
            }
            long above = total - below;
            if (above == 0) {
                break;
            }
            sumBelow += t * (double) histogram[t];
            double meanBelow = sumBelow / below;
            double meanAbove = (sum - sumBelow) / above;
            double between = (double) below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (between > best) {
                best = between;
                threshold = t;
            }
        }
        return threshold;
    }

    /**
     * The tilt in degrees: the angle at which the dark pixels' row histogram has the largest sum of
     * squares, sampled on every other pixel (the answer needs no more).
     */
    static double tilt(Raster r, int threshold) {
        int w = r.getWidth();
        int h = r.getHeight();
        int step = Math.max(1, w / 1200);
        java.util.List<int[]> dark = new java.util.ArrayList<>();
        int[] row = new int[w];
        for (int y = 0; y < h; y += step) {
            r.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x += step) {
                if (row[x] <= threshold) {
                    dark.add(new int[] {x, y});
                }
            }
        }
        if (dark.size() < 100) {
            return 0;
        }
        double bestAngle = 0;
        double bestScore = -1;
        long[] bins = new long[2 * h / step + 2];
        for (double a = -MAX_TILT_DEGREES; a <= MAX_TILT_DEGREES + 1e-9; a += TILT_STEP_DEGREES) {
            double tan = Math.tan(Math.toRadians(a));
            java.util.Arrays.fill(bins, 0);
            for (int[] p : dark) {
                // bins as coarse as the sampling: finer bins would favour 0°, where every sampled
                // row falls on a bin of its own and every other bin stays empty
                int b = (int) Math.round((p[1] - (p[0] - w / 2.0) * tan) / step) + h / (2 * step);
                if (b >= 0 && b < bins.length) {
                    bins[b]++;
                }
            }
            double score = 0;
            for (long b : bins) {
                score += (double) b * b;
            }
            if (score > bestScore) {
                bestScore = score;
                bestAngle = a;
            }
        }
        return Math.round(bestAngle / TILT_STEP_DEGREES) * TILT_STEP_DEGREES;
    }

    /**
     * Ink black, paper white: a scan's grey paper and sensor noise otherwise frame every cut-out cell
     * as a grey box, which the engine reads as characters.
     */
    static void binarize(WritableRaster r, int threshold) {
        int[] row = new int[r.getWidth()];
        for (int y = 0; y < r.getHeight(); y++) {
            r.getSamples(0, y, row.length, 1, 0, row);
            for (int x = 0; x < row.length; x++) {
                row[x] = row[x] <= threshold ? 0 : 255;
            }
            r.setSamples(0, y, row.length, 1, 0, row);
        }
    }

    private static BufferedImage rotate(BufferedImage gray, double degrees) {
        BufferedImage out = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(gray, AffineTransform.getRotateInstance(Math.toRadians(degrees), gray.getWidth() / 2.0,
                gray.getHeight() / 2.0), null);
        g.dispose();
        return out;
    }

    /**
     * Whitens every dark run longer than a twentieth of the page across or down (no character is
     * that long; a cell border is), with the pixel above and below such a run too (borders are
     * a few pixels thick and a scan blurs their edge).
     */
    static void eraseRulings(WritableRaster r, int threshold) {
        int w = r.getWidth();
        int h = r.getHeight();
        int min = Math.max(60, Math.min(w, h) / 20);
        boolean[] erase = new boolean[w * h];
        int[] line = new int[Math.max(w, h)];
        for (int y = 0; y < h; y++) {
            r.getSamples(0, y, w, 1, 0, line);
            int run = 0;
            for (int x = 0; x <= w; x++) {
                if (x < w && line[x] <= threshold) {
                    run++;
                } else {
                    if (run >= min) {
                        for (int k = x - run; k < x; k++) {
                            for (int dy = -1; dy <= 1; dy++) {
                                if (y + dy >= 0 && y + dy < h) {
                                    erase[(y + dy) * w + k] = true;
                                }
                            }
                        }
                    }
                    run = 0;
                }
            }
        }
        for (int x = 0; x < w; x++) {
            r.getSamples(x, 0, 1, h, 0, line);
            int run = 0;
            for (int y = 0; y <= h; y++) {
                if (y < h && line[y] <= threshold) {
                    run++;
                } else {
                    if (run >= min) {
                        for (int k = y - run; k < y; k++) {
                            for (int dx = -1; dx <= 1; dx++) {
                                if (x + dx >= 0 && x + dx < w) {
                                    erase[k * w + x + dx] = true;
                                }
                            }
                        }
                    }
                    run = 0;
                }
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (erase[y * w + x]) {
                    r.setSample(x, y, 0, 255);
                }
            }
        }
    }
}
