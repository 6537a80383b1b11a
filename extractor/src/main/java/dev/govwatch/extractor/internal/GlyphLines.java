package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import dev.govwatch.extractor.internal.ocr.OcrMarks;

/**
 * A PDF page's text laid out from its glyph positions rather than its text flow: glyphs grouped
 * into lines by baseline, lines into segments by the gaps between glyphs, and table rows rebuilt
 * from where things stand. A row is a line with three or more numeric segments; the pieces of its
 * label that a narrow label cell wrapped onto the lines above and below (short lines entirely left
 * of the figures' columns) are put back into it, so that each row comes out as one delimited line:
 * {@code label | 447 | 7 | 0 | 0 | 0 | 0 | 454}. Everything else comes out as text lines, their
 * segments joined by a space, as the text flow gives them.
 */
public final class GlyphLines {

    /** One glyph: its text, left edge, baseline (from the top), width and height, and page. */
    public record Glyph(String text, float x, float y, float width, float height, int page) {
    }

    private record Segment(String text, float x0, float x1) {
        boolean numeric() {
            return NUMBER.matcher(text).matches();
        }
    }

    private record Line(int page, float y, float height, List<Segment> segments) {
        boolean row() {
            return segments.stream().filter(Segment::numeric).count() >= 3;
        }

        float firstNumberX() {
            return (float) segments.stream().filter(Segment::numeric).mapToDouble(Segment::x0).min().orElse(Float.MAX_VALUE);
        }

        float right() {
            return segments.get(segments.size() - 1).x1();
        }

        String text() {
            return String.join(" ", segments.stream().map(Segment::text).toList());
        }
    }

    private static final Pattern NUMBER = Pattern.compile(
            "[+-]{0,2}\\d[\\d.,]*(?:万元|元|%)?|/|—+|-|" + OcrMarks.DOUBT + "?[\\d.,]*" + OcrMarks.CONFIDENCE + "\\d{1,3}");
    /** A section heading is never a piece of a row's label, however short and near a table. */
    private static final Pattern SECTION_HEADING = Pattern.compile(
            "^[一二三四五六][、.．]\\s*(总体情况|概述|主动公开|收到和处理|依申请|.{0,12}行政复议|存在的主要问题|其他需要报告)");
    /** Label pieces are short: a cell's width. */
    private static final int MAX_FRAGMENT = 30;

    private GlyphLines() {
    }

    /** The lines of the document, page by page. */
    public static List<String> layout(List<Glyph> glyphs) {
        List<Line> lines = lines(glyphs);
        boolean[] used = new boolean[lines.size()];
        // Which label pieces belong to which row: each short line left of the figures goes to the
        // nearest row on its page (the label is centred in its cell, so pieces sit above and below).
        List<List<Integer>> pieces = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            pieces.add(new ArrayList<>());
        }
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (line.row()) {
                continue;
            }
            int row = nearestRow(lines, i);
            if (row >= 0 && line.text().length() <= MAX_FRAGMENT && line.right() < lines.get(row).firstNumberX()
                    && !SECTION_HEADING.matcher(line.text()).find()) {
                pieces.get(row).add(i);
                used[i] = true;
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (used[i]) {
                continue;
            }
            if (!line.row()) {
                List<Segment> segments = line.segments();
                Segment last = segments.get(segments.size() - 1);
                if (segments.size() >= 2 && segments.size() <= 3 && last.numeric()
                        && last.text().indexOf(OcrMarks.CONFIDENCE) >= 0) {
                    // a label and its one or two OCR'd figures (表二): a row, its figures kept marked
                    List<String> cells = new ArrayList<>();
                    for (Segment s : segments) {
                        cells.add(s.numeric() ? s.text() : OcrMarks.prose(s.text()));
                    }
                    out.add(String.join(" | ", cells));
                    continue;
                }
                out.add(OcrMarks.prose(line.text()));
                continue;
            }
            List<Segment> labelSegments = new ArrayList<>();
            List<String> numbers = new ArrayList<>();
            float firstNumber = line.firstNumberX();
            boolean ocr = line.segments().stream().anyMatch(s -> s.text().indexOf(OcrMarks.CONFIDENCE) >= 0);
            for (Segment s : line.segments()) {
                if (s.x0() < firstNumber) {
                    labelSegments.add(s);
                } else if (ocr && !s.numeric()) {
                    // among OCR'd figures, a word that is no figure is a figure misread ("站" for 0): unread, never text
                    numbers.add(OcrMarks.doubtful("", 0));
                } else {
                    numbers.add(s.text());
                }
            }
            List<Line> cell = new ArrayList<>();
            for (int p : pieces.get(i)) {
                cell.add(lines.get(p));
            }
            cell.add(new Line(line.page(), line.y(), line.height(), labelSegments));
            cell.sort(Comparator.comparingDouble(Line::y));
            out.add(OcrMarks.prose(label(cell)) + " | " + String.join(" | ", numbers));
        }
        return out;
    }

    /**
     * A row's label from the pieces of its label cells, top to bottom: the group label's column
     * (left of the row's own label) first, then the row's own label. Characters of a group label
     * printed down the side (one or two per line, as 三、本年度办理结果 is) are left out: they
     * belong to many rows.
     */
    private static String label(List<Line> cell) {
        float own = 0;
        for (Line piece : cell) {
            for (Segment s : piece.segments()) {
                if (s.text().length() > 2) {
                    own = Math.max(own, s.x0());
                }
            }
        }
        StringBuilder group = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (Line piece : cell) {
            for (Segment s : piece.segments()) {
                if (s.x0() >= own - 1f) {
                    row.append(s.text());
                } else if (s.text().length() > 2) {
                    group.append(s.text());
                }
            }
        }
        return group.toString() + row;
    }

    private static int nearestRow(List<Line> lines, int i) {
        Line line = lines.get(i);
        int best = -1;
        float distance = Float.MAX_VALUE;
        for (int j = Math.max(0, i - 4); j < Math.min(lines.size(), i + 5); j++) {
            Line other = lines.get(j);
            if (j == i || !other.row() || other.page() != line.page()) {
                continue;
            }
            float d = Math.abs(other.y() - line.y());
            // Between two rows, a piece nearer to neither is a piece of the one below it (labels wrap downwards).
            if (d < distance - 0.5f || (Math.abs(d - distance) <= 0.5f && other.y() > line.y())) {
                best = j;
                distance = d;
            }
        }
        return best >= 0 && distance <= 2.5f * Math.max(line.height(), lines.get(best).height()) ? best : -1;
    }

    private static List<Line> lines(List<Glyph> glyphs) {
        List<Glyph> sorted = new ArrayList<>(glyphs);
        sorted.sort(Comparator.comparingInt(Glyph::page).thenComparingDouble(Glyph::y).thenComparingDouble(Glyph::x));
        List<List<Glyph>> groups = new ArrayList<>();
        for (Glyph g : sorted) {
            List<Glyph> current = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (current != null && current.get(0).page() == g.page()
                    && Math.abs(current.get(0).y() - g.y()) <= 0.4f * Math.max(g.height(), current.get(0).height())) {
                current.add(g);
            } else {
                List<Glyph> next = new ArrayList<>();
                next.add(g);
                groups.add(next);
            }
        }
        List<Line> lines = new ArrayList<>();
        for (List<Glyph> group : groups) {
            group.sort(Comparator.comparingDouble(Glyph::x));
            List<Segment> segments = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            float x0 = group.get(0).x();
            float x1 = x0;
            for (Glyph g : group) {
                if (g.text().isBlank()) {
                    continue;
                }
                float gap = g.x() - x1;
                if (text.length() > 0 && gap > Math.max(1.5f, 0.45f * g.height())) {
                    segments.add(new Segment(text.toString(), x0, x1));
                    text.setLength(0);
                    x0 = g.x();
                }
                if (text.length() == 0) {
                    x0 = g.x();
                }
                text.append(g.text());
                x1 = g.x() + g.width();
            }
            if (text.length() > 0) {
                segments.add(new Segment(text.toString(), x0, x1));
            }
            if (!segments.isEmpty()) {
                lines.add(new Line(group.get(0).page(), group.get(0).y(), group.get(0).height(), segments));
            }
        }
        return lines;
    }
}
