package dev.govwatch.extractor.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.govwatch.schemas.CellKind;
import dev.govwatch.extractor.internal.ocr.OcrMarks;
import dev.govwatch.schemas.CellSource;

/**
 * One table cell as printed and as understood. Blank stays blank (never 0), "/" "—" "不适用"
 * mean not applicable, "+3" "-83" "--253" are signed increments, and amounts in 元 are turned
 * into 万元 with the raw text kept.
 *
 * @param kind  what the cell holds
 * @param value the number (amounts in 万元), null unless kind is NUMBER
 * @param raw    the text as printed
 * @param source how the value was decided
 * @param confidence the OCR engine's confidence (0–1) in a cell read from an image, else null
 */
public record CellValue(CellKind kind, Double value, String raw, CellSource source, Float confidence) {

    public CellValue(CellKind kind, Double value, String raw) {
        this(kind, value, raw, kind == CellKind.UNCERTAIN ? CellSource.UNREAD : CellSource.PRINTED);
    }

    public CellValue(CellKind kind, Double value, String raw, CellSource source) {
        this(kind, value, raw, source, null);
    }

    /** This cell, decided another way. */
    public CellValue from(CellSource how) {
        return new CellValue(kind, value, raw, kind == CellKind.UNCERTAIN ? CellSource.UNREAD : how, confidence);
    }

    /** The figure the OCR engine proposed for an uncertain cell it was unsure of, else null. */
    public Double ocrCandidate() {
        if (kind != CellKind.UNCERTAIN || confidence == null || raw.isEmpty() || raw.charAt(0) != OcrMarks.DOUBT) {
            return null;
        }
        CellValue read = parse(raw.substring(1));
        return read.kind() == CellKind.NUMBER ? read.value() : null;
    }

    private static final Pattern NUMBER = Pattern.compile("^([+-]{0,2})(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?(万元|元|件|条|个|人|人次|次|项)?$");
    private static final Pattern NOT_APPLICABLE = Pattern.compile("^(/|／|—+|-+|–+|不适用|无|\\\\)$");

    /** No cell of a statistics table is longer ("-12,345,678.1234万元" is 19). */
    private static final int MAX_CELL_LENGTH = 24;

    public static CellValue blank(String raw) {
        return new CellValue(CellKind.BLANK, null, raw);
    }

    public static CellValue uncertain(String raw) {
        return new CellValue(CellKind.UNCERTAIN, null, raw);
    }

    public static CellValue number(double value, String raw) {
        return new CellValue(CellKind.NUMBER, value, raw);
    }

    /** Reads a cell's printed text (or OCR'd text, see {@link OcrMarks}). */
    public static CellValue parse(String printed) {
        OcrMarks.Marked ocr = printed == null ? null : OcrMarks.parse(printed);
        if (ocr != null) {
            if (ocr.figure().isEmpty() && !ocr.doubtful()) {
                return new CellValue(CellKind.BLANK, null, "", CellSource.OCR, ocr.confidence());
            }
            if (ocr.doubtful()) {
                return new CellValue(CellKind.UNCERTAIN, null, OcrMarks.DOUBT + ocr.figure(), CellSource.UNREAD, ocr.confidence());
            }
            CellValue read = parse(ocr.figure());
            return read.kind() == CellKind.NUMBER
                    ? new CellValue(CellKind.NUMBER, read.value(), read.raw(), CellSource.OCR, ocr.confidence())
                    : new CellValue(CellKind.UNCERTAIN, null, OcrMarks.DOUBT + ocr.figure(), CellSource.UNREAD, ocr.confidence());
        }
        String raw = printed == null ? "" : Text.strip(printed);
        String n = Text.normalize(raw);
        if (n.isEmpty()) {
            return blank(raw);
        }
        if (plainCount(n)) {
            // Most cells: digits alone, as NUMBER would read them, without two regex matches.
            return number(Long.parseLong(n), raw);
        }
        if (NOT_APPLICABLE.matcher(n).matches()) {
            return new CellValue(CellKind.NOT_APPLICABLE, null, raw);
        }
        Matcher m = NUMBER.matcher(n);
        if (!m.matches()) {
            return new CellValue(CellKind.TEXT, null, raw);
        }
        double v = Double.parseDouble(m.group(2).replace(",", "") + (m.group(3) == null ? "" : m.group(3)));
        if (m.group(1).contains("-")) {
            v = -v;
        }
        if ("元".equals(m.group(4))) {
            v = v / 10_000d;
        }
        return number(v, raw);
    }

    /** ASCII digits only, few enough to be a long exactly. */
    private static boolean plainCount(String n) {
        if (n.length() > 15) {
            return false;
        }
        for (int i = 0; i < n.length(); i++) {
            if (n.charAt(i) < '0' || n.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether the printed text could be a cell of a statistics table (number, blank or n/a). */
    public static boolean isCellLike(String printed) {
        if (printed.length() > MAX_CELL_LENGTH || startsAsText(printed)) {
            return false;
        }
        CellKind kind = parse(printed).kind();
        return kind != CellKind.TEXT;
    }

    /**
     * Whether the first printed character already says text: an ideograph other than 不 and 无 (無),
     * or a bracket. No number, blank, n/a mark or OCR mark begins with one, and most tokens a page is
     * split into are labels and prose, which this turns away without a full {@link #parse}.
     */
    private static boolean startsAsText(String printed) {
        for (int i = 0; i < printed.length(); i++) {
            char c = printed.charAt(i);
            if (Text.isSpace(c)) {
                continue;
            }
            return (c >= '\u4e00' && c <= '\u9fff' && c != '不' && c != '无' && c != '無') || c == '(' || c == '（';
        }
        return false;
    }

    /** The value as a sum term: blank counts as 0, anything else unknown as null. */
    public Double asSummand() {
        return switch (kind) {
            case NUMBER -> value;
            case BLANK -> 0d;
            default -> null;
        };
    }
}
