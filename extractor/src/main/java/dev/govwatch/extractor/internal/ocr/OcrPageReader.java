package dev.govwatch.extractor.internal.ocr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.govwatch.extractor.internal.GlyphLines;

/**
 * Reads a page image into positioned words for {@link GlyphLines}, which lays out rows by baseline
 * and columns by position just as it does for a text PDF's glyphs.
 *
 * <p>Figures are where OCR must not be trusted blindly. Every cell of a ruled table's figure
 * columns is read twice: once with the page (Chinese model, sparse text) and once on its own, in a
 * strip of all such cells read by the figures' model with only figure characters allowed. A figure
 * both readings agree on, with a confident engine, is taken as read; a blank cell is one with no
 * ink; anything else goes on as {@link OcrMarks#doubtful} (the engine's best reading kept only as a
 * candidate that the table's arithmetic must confirm) or as unread ink. Sparse-text reading alone
 * drops lone digits ("0") without a trace, which is why no cell relies on it.
 */
public final class OcrPageReader {

    /** Tesseract's word confidence at or above which a figure both readings agree on is taken. */
    public static final float CONFIDENT = 80f;
    /** A figure only the second reading saw is taken only at this confidence. */
    public static final float CONFIDENT_ALONE = 92f;
    private static final Pattern FIGURE = Pattern.compile("[\\d,.]+");
    private static final Pattern FIGURE_LIKE = Pattern.compile("[\\d,.]*\\d[\\d,.]*[^\\d\\p{IsHan}]?|[^\\d\\p{IsHan}]?\\d[\\d,.]*");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    /** Chinese text and its punctuation, which take no spaces between them. */
    private static final Pattern CHINESE = Pattern.compile("[\\p{IsHan}\u3000-\u303f\uff00-\uffef“”‘’]");
    private static final int INSET = 5;
    private static final int MARGIN = 20;
    /** The share of doubtful figure cells above which a page's confident readings are doubted too. */
    private static final double POOR_PAGE = 0.15;

    private final Tesseract engine;

    public OcrPageReader(Tesseract engine) {
        this.engine = engine;
    }

    /** The page's words as glyphs on page {@code page}; the tilt undone and rulings removed first. */
    public List<GlyphLines.Glyph> read(BufferedImage image, int page) throws IOException {
        ScannedPage scanned = ScannedPage.of(image);
        List<RulingGrid.Box> cells = scanned.grid().cells();
        // Two segmentations, each where it reads best: sparse text (psm 11) finds every word of a ruled
        // table wherever it stands, but garbles running text; a uniform block (psm 6) reads the running
        // text around the tables, read on its own with the tables whited out.
        List<OcrWord> words = cells.isEmpty() ? List.of() : engine.words(scanned.image(), Tesseract.CHINESE, 11, null);
        List<OcrWord> prose = engine.words(cells.isEmpty() ? scanned.image() : withoutCells(scanned.image(), cells),
                Tesseract.CHINESE, 6, null);
        words = withoutRulingMarks(words);
        prose = withoutRulingMarks(prose);
        List<RulingGrid.Box> figureCells = figureCells(cells, words);
        Map<RulingGrid.Box, List<OcrWord>> inCell = new HashMap<>();
        List<OcrWord> outside = new ArrayList<>();
        for (OcrWord w : words) {
            RulingGrid.Box home = smallestCell(cells, w);
            if (home != null) {
                inCell.computeIfAbsent(home, k -> new ArrayList<>()).add(w);
            }
        }
        for (OcrWord w : prose) {
            if (smallestCell(cells, w) == null) {
                outside.add(w);
            }
        }
        words = new ArrayList<>(words);
        words.addAll(outside);
        float height = median(words.stream().map(OcrWord::height).toList(), 30);
        float rowHeight = median(figureCells.stream().map(RulingGrid.Box::height).toList(), 3 * height);
        List<GlyphLines.Glyph> glyphs = new ArrayList<>();
        for (List<OcrWord> chunk : chunks(outside, height)) {
            OcrWord first = chunk.get(0);
            OcrWord last = chunk.get(chunk.size() - 1);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < chunk.size(); i++) {
                OcrWord w = chunk.get(i);
                if (i > 0 && !(CHINESE.matcher(chunk.get(i - 1).text()).find() && CHINESE.matcher(w.text()).find())
                        && w.left() - chunk.get(i - 1).right() > 0.5f * height) {
                    text.append(' ');
                }
                // prose: a figure the engine was unsure of is never quoted (OcrMarks.prose blanks it)
                text.append(FIGURE.matcher(w.text()).matches() && w.confidence() < CONFIDENT
                        ? OcrMarks.doubtful(w.text(), w.confidence()) : w.text());
            }
            float y = (float) chunk.stream().mapToDouble(OcrWord::centerY).average().orElseThrow();
            glyphs.add(new GlyphLines.Glyph(OcrLabels.heading(text.toString()), first.left(), y, last.right() - first.left(),
                    height, page));
        }
        // One glyph per ruled cell, at the height of the cell's first row: a label wrapped over
        // several lines stays one label, and a label spanning rows (三、本年度办理结果 down the
        // side, （三）不予公开) joins its first row, as a group label merged into it.
        for (RulingGrid.Box cell : cells) {
            List<OcrWord> ws = inCell.get(cell);
            if (ws == null || figureCells.contains(cell)) {
                continue;
            }
            List<List<OcrWord>> lines = lines(ws, height);
            long narrow = lines.stream().filter(l -> l.stream().mapToInt(w -> w.text().length()).sum() <= 2).count();
            if (lines.size() >= 3 && narrow >= 0.7 * lines.size()) {
                // a group label printed down the side, a character a line: it heads many rows, none alone
                continue;
            }
            // nearly the cell's width, so that a caption spanning the table is never taken for a piece
            // of a row's label; short of its right border by more than GlyphLines' segment gap, so
            // that the label never runs into the figure beside it
            glyphs.add(new GlyphLines.Glyph(OcrLabels.fix(readingOrder(ws, height)), cell.left() + INSET,
                    firstRowMiddle(cell, rowHeight), Math.max(1, cell.width() - INSET - 1.5f * height), height, page));
        }
        Map<RulingGrid.Box, Reading> second = secondReading(scanned, figureCells);
        int doubtful = 0;
        int minInk = (int) Math.max(30, 0.06 * height * height);
        Map<RulingGrid.Box, String> decided = new HashMap<>();
        for (RulingGrid.Box cell : figureCells) {
            String text = decide(inCell.getOrDefault(cell, List.of()), second.get(cell), scanned.ink(cell.left() + INSET,
                    cell.top() + INSET, cell.width() - 2 * INSET, cell.height() - 2 * INSET) >= minInk);
            decided.put(cell, text);
            if (text.indexOf(OcrMarks.DOUBT) >= 0) {
                doubtful++;
            }
        }
        // On a page the engine reads poorly, two readings agreeing is weak evidence: every figure there
        // needs the table's arithmetic to become a number.
        boolean poor = !figureCells.isEmpty() && doubtful > POOR_PAGE * figureCells.size();
        for (RulingGrid.Box cell : figureCells) {
            String text = decided.get(cell);
            OcrMarks.Marked marked = OcrMarks.parse(text);
            if (poor && marked != null && !marked.doubtful() && !marked.figure().isEmpty()) {
                text = OcrMarks.doubtful(marked.figure(), marked.confidence() * 100);
            }
            // a narrow glyph at the cell's left: neighbouring cells must stay separate segments
            glyphs.add(new GlyphLines.Glyph(text, cell.left() + INSET, firstRowMiddle(cell, rowHeight),
                    Math.max(1, cell.width() / 3f), height, page));
        }
        return glyphs;
    }

    /** Where a cell's text is put: the middle of its first row, so that a cell spanning rows joins the first. */
    private static float firstRowMiddle(RulingGrid.Box cell, float rowHeight) {
        return cell.top() + Math.min(cell.height(), rowHeight) / 2f;
    }

    /**
     * A ruling left on the page (too faint or too tilted to be erased) reads as "|" or "｜"; in the
     * text path that is a cell delimiter, and empty cells between two of them would read as blanks.
     * No report prints the character, so it is dropped from every word.
     */
    private static List<OcrWord> withoutRulingMarks(List<OcrWord> words) {
        List<OcrWord> out = new ArrayList<>(words.size());
        for (OcrWord w : words) {
            String text = w.text().replace("|", "").replace("｜", "").replace("¦", "");
            if (!text.isBlank()) {
                out.add(text.equals(w.text()) ? w : new OcrWord(text, w.left(), w.top(), w.width(), w.height(), w.confidence()));
            }
        }
        return out;
    }

    private static BufferedImage withoutCells(BufferedImage image, List<RulingGrid.Box> cells) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        var g = copy.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.setColor(java.awt.Color.WHITE);
        for (RulingGrid.Box b : cells) {
            g.fillRect(b.left(), b.top(), b.width() + 1, b.height() + 1);
        }
        g.dispose();
        return copy;
    }

    private static RulingGrid.Box smallestCell(List<RulingGrid.Box> cells, OcrWord w) {
        RulingGrid.Box best = null;
        for (RulingGrid.Box b : cells) {
            if (b.contains(w.left() + w.width() / 2f, w.centerY())
                    && (best == null || (long) b.width() * b.height() < (long) best.width() * best.height())) {
                best = b;
            }
        }
        return best;
    }

    /**
     * Words outside the ruled cells as pieces of text lines: words on one line (by their centres)
     * joined up to a gap wider than two characters, which separates columns. The engine's word
     * boxes split Chinese text anywhere; a heading read as "四 、 政府信息 公开" must read as one.
     */
    private static List<List<OcrWord>> chunks(List<OcrWord> words, float height) {
        List<List<OcrWord>> chunks = new ArrayList<>();
        for (List<OcrWord> line : lines(words, height)) {
            List<OcrWord> chunk = new ArrayList<>();
            for (OcrWord w : line) {
                if (!chunk.isEmpty() && w.left() - chunk.get(chunk.size() - 1).right() > 2 * height) {
                    chunks.add(chunk);
                    chunk = new ArrayList<>();
                }
                chunk.add(w);
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    /** A cell's words line by line, top to bottom, each line left to right. */
    private static String readingOrder(List<OcrWord> words, float height) {
        StringBuilder text = new StringBuilder();
        for (List<OcrWord> line : lines(words, height)) {
            line.forEach(w -> text.append(w.text()));
        }
        return text.toString();
    }

    /**
     * Words grouped into lines, each sorted left to right: a word joins a line when it lies mostly
     * within the line's height (a "、" or "，" sits low in its line, its centre well below the others').
     */
    private static List<List<OcrWord>> lines(List<OcrWord> words, float height) {
        List<OcrWord> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparingDouble(OcrWord::centerY));
        List<List<OcrWord>> lines = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        for (OcrWord w : sorted) {
            int home = -1;
            for (int i = Math.max(0, lines.size() - 3); i < lines.size(); i++) {
                int[] span = spans.get(i);
                int overlap = Math.min(span[1], w.bottom()) - Math.max(span[0], w.top());
                if (overlap >= 0.5f * Math.min(w.height(), span[1] - span[0])) {
                    home = i;
                }
            }
            if (home < 0) {
                lines.add(new ArrayList<>());
                spans.add(new int[] {w.top(), w.bottom()});
                home = lines.size() - 1;
            } else if (w.height() >= 0.6f * height) {
                spans.get(home)[0] = Math.min(spans.get(home)[0], w.top());
                spans.get(home)[1] = Math.max(spans.get(home)[1], w.bottom());
            }
            lines.get(home).add(w);
        }
        for (List<OcrWord> line : lines) {
            line.sort(Comparator.comparingInt(OcrWord::left));
        }
        return lines;
    }

    /** The reading of one figure cell, marked for the cell reader. */
    private static String decide(List<OcrWord> first, Reading second, boolean ink) {
        if (!ink && first.isEmpty() && (second == null || second.confidence() < 50)) {
            return OcrMarks.read("", 100);
        }
        String one = String.join("", first.stream().sorted(Comparator.comparingInt(OcrWord::left)).map(OcrWord::text).toList())
                .replaceAll("[^\\d,./-]", "");
        float oneConfidence = (float) first.stream().mapToDouble(OcrWord::confidence).min().orElse(0);
        String two = second == null ? "" : second.text();
        if (!one.isEmpty() && one.equals(two)) {
            float confidence = Math.max(oneConfidence, second.confidence());
            return confidence >= CONFIDENT ? OcrMarks.read(one, confidence) : OcrMarks.doubtful(one, confidence);
        }
        if (one.isEmpty() && !two.isEmpty()) {
            return second.confidence() >= CONFIDENT_ALONE ? OcrMarks.read(two, second.confidence())
                    : OcrMarks.doubtful(two, second.confidence());
        }
        if (!one.isEmpty() && !two.isEmpty()) {
            return second.confidence() >= oneConfidence ? OcrMarks.doubtful(two, second.confidence())
                    : OcrMarks.doubtful(one, oneConfidence);
        }
        return one.isEmpty() ? OcrMarks.doubtful("", 0) : OcrMarks.doubtful(one, oneConfidence);
    }

    private record Reading(String text, float confidence) {
    }

    /**
     * Every figure cell read again on its own, as one line of figures (cut inside its borders, with
     * a white margin), all of a page's cells by one engine process.
     */
    private Map<RulingGrid.Box, Reading> secondReading(ScannedPage scanned, List<RulingGrid.Box> cells) throws IOException {
        Map<RulingGrid.Box, Reading> out = new HashMap<>();
        List<BufferedImage> crops = new ArrayList<>();
        for (RulingGrid.Box b : cells) {
            int w = Math.max(1, b.width() - 2 * INSET);
            int h = Math.max(1, b.height() - 2 * INSET);
            BufferedImage crop = new BufferedImage(w + 2 * MARGIN, h + 2 * MARGIN, BufferedImage.TYPE_BYTE_GRAY);
            var g = crop.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, crop.getWidth(), crop.getHeight());
            g.drawImage(scanned.image().getSubimage(b.left() + INSET, b.top() + INSET, w, h), MARGIN, MARGIN, null);
            g.dispose();
            crops.add(crop);
        }
        if (crops.isEmpty()) {
            return out;
        }
        List<List<OcrWord>> read = engine.wordsEach(crops, Tesseract.DIGITS, 7, "0123456789,.-/");
        for (int i = 0; i < cells.size(); i++) {
            List<OcrWord> ws = new ArrayList<>(read.get(i));
            if (!ws.isEmpty()) {
                ws.sort(Comparator.comparingInt(OcrWord::left));
                out.put(cells.get(i), new Reading(String.join("", ws.stream().map(OcrWord::text).toList()),
                        (float) ws.stream().mapToDouble(OcrWord::confidence).min().orElse(0)));
            }
        }
        return out;
    }

    /**
     * The cells of the figure columns: no Chinese text in them, and in a column (same left and right
     * edges) where the first reading found a figure in some cell.
     */
    private static List<RulingGrid.Box> figureCells(List<RulingGrid.Box> cells, List<OcrWord> words) {
        Map<RulingGrid.Box, Boolean> han = new HashMap<>();
        Map<RulingGrid.Box, Boolean> figure = new HashMap<>();
        for (RulingGrid.Box b : cells) {
            for (OcrWord w : words) {
                if (b.contains(w.left() + w.width() / 2f, w.centerY())) {
                    if (HAN.matcher(w.text()).find()) {
                        han.put(b, true);
                    } else if (FIGURE_LIKE.matcher(w.text()).matches()) {
                        figure.put(b, true);
                    }
                }
            }
        }
        // Seeded by the cells where the first reading saw a figure, grown along their rows and
        // columns: a column of zeros that the first reading missed entirely is still a figure column.
        List<RulingGrid.Box> out = new ArrayList<>();
        for (RulingGrid.Box b : cells) {
            if (figure.containsKey(b) && !han.containsKey(b)) {
                out.add(b);
            }
        }
        float width = median(out.stream().map(RulingGrid.Box::width).toList(), 0);
        boolean grown = true;
        while (grown) {
            grown = false;
            for (RulingGrid.Box b : cells) {
                if (han.containsKey(b) || out.contains(b) || b.width() > 2.5f * width) {
                    continue;
                }
                for (RulingGrid.Box other : out) {
                    boolean sameColumn = Math.abs(other.left() - b.left()) <= 8 && Math.abs(other.right() - b.right()) <= 8;
                    boolean sameRow = Math.abs(other.top() - b.top()) <= 8 && Math.abs(other.bottom() - b.bottom()) <= 8;
                    if (sameColumn || sameRow) {
                        out.add(b);
                        grown = true;
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static float median(List<Integer> values, float otherwise) {
        if (values.isEmpty()) {
            return otherwise;
        }
        List<Integer> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
