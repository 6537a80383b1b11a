package dev.govwatch.extractor.internal.ocr;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an OCR'd figure travels through the text path to its cell: the figure followed by a private-use
 * mark and the engine's confidence ({@code 447\uE00091}), or, when the engine was unsure, a
 * {@code □} before it ({@code □47\uE00063}: "read as 47, not confirmed"). The marks are private-use
 * characters, so that no printed text carries them, and {@code CellValue.parse} takes them off again.
 * In prose a doubtful figure is written as {@code □} alone: a quoted figure that might be misread
 * is never compared with a table.
 */
public final class OcrMarks {

    /** Before a figure the engine was unsure of; also what an unread figure prints as in prose. */
    public static final char DOUBT = '□';
    /** Between a figure and its confidence. */
    public static final char CONFIDENCE = '\uE000';

    private static final Pattern MARKED = Pattern.compile("^(" + DOUBT + "?)([^\uE000]*)\uE000(\\d{1,3})$");
    private static final Pattern IN_PROSE = Pattern.compile(DOUBT + "[\\d,.]*\uE000\\d{1,3}|\uE000\\d{1,3}");

    private OcrMarks() {
    }

    public static String read(String figure, float confidence) {
        return figure + CONFIDENCE + Math.round(confidence);
    }

    public static String doubtful(String figure, float confidence) {
        return DOUBT + figure + CONFIDENCE + Math.round(confidence);
    }

    /** A line of prose with its marks taken off and its doubtful figures blanked to {@code □}. */
    public static String prose(String line) {
        if (line.indexOf(CONFIDENCE) < 0) {
            return line;
        }
        Matcher m = IN_PROSE.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, m.group().charAt(0) == DOUBT ? String.valueOf(DOUBT) : "");
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A marked cell, or null when the text carries no OCR mark. */
    public static Marked parse(String cell) {
        if (cell.indexOf(CONFIDENCE) < 0) {
            return null;
        }
        Matcher m = MARKED.matcher(cell.strip());
        if (!m.matches()) {
            return null;
        }
        return new Marked(m.group(2), !m.group(1).isEmpty(), Float.parseFloat(m.group(3)) / 100f);
    }

    /**
     * An OCR'd cell.
     *
     * @param figure     the text the engine read
     * @param doubtful   whether the engine was unsure
     * @param confidence the engine's confidence, 0–1
     */
    public record Marked(String figure, boolean doubtful, float confidence) {
    }
}
