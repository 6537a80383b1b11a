package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Finds labelled rows in a stretch of tokens, whatever the table's shape: after a token whose label
 * matches a {@link RowSpec}, the row's cells are the cell-like tokens that follow (empty ones only
 * on delimited lines), ended by the next text token or by the end of a delimited line.
 */
public final class TableReader {

    private static final Pattern NUMBERING = Pattern.compile(
            "^(\\(?[一二三四五六七八九十]{1,3}\\)|[一二三四五六七八九十]{1,3}[、.]|\\d{1,2}[、.．](?!\\d)|\\(\\d{1,2}\\))");
    /** A unit column of the old statistics table. */
    private static final Pattern UNIT = Pattern.compile("^(条|件|个|次|人|人次|万元|元|项|篇|场|期)$");
    /** Label pieces wrapped onto a following line are at most this long. */
    private static final int MAX_CONTINUATION = 30;

    private TableReader() {
    }

    /** The label with its numbering ("（一）", "三、", "1.") removed, normalized. */
    public static String labelCore(String label) {
        return coreOfNormalized(Text.normalize(label));
    }

    private static String coreOfNormalized(String normalized) {
        String n = normalized;
        // Some labels carry two levels of numbering: "三、本年度办理结果(一)予以公开" never, but "(三)1." does.
        for (int i = 0; i < 2; i++) {
            String stripped = NUMBERING.matcher(n).replaceFirst("");
            if (stripped.equals(n)) {
                break;
            }
            n = stripped;
        }
        return n;
    }

    /**
     * Reads the rows of {@code specs} found in tokens[from, to).
     *
     * @param columnsOf columns of a row, by key
     * @param alignerOf how to fit a row whose cell count differs from its columns, by key
     */
    public static Map<String, ParsedRow> read(List<Token> tokens, int from, int to, List<RowSpec> specs,
                                              Function<String, List<String>> columnsOf,
                                              Function<String, RowAligner> alignerOf,
                                              String tableName, List<String> warnings) {
        Map<String, ParsedRow> rows = new LinkedHashMap<>();
        String previousKey = null;
        int i = from;
        while (i < to) {
            Token token = tokens.get(i);
            RowSpec spec = match(token, specs, previousKey);
            if (spec == null || rows.containsKey(spec.key())) {
                i++;
                continue;
            }
            previousKey = spec.key();
            int j = i + 1;
            // Label text wrapped onto the next line(s), before any cell.
            int continuations = 0;
            while (j < to && continuations < 3 && (UNIT.matcher(tokens.get(j).text()).matches()
                    || (!token.delimited() && !tokens.get(j).cellLike()
                        && tokens.get(j).text().length() <= MAX_CONTINUATION
                        && match(tokens.get(j), specs, previousKey) == null))) {
                j++;
                continuations++;
            }
            List<CellValue> printed = new ArrayList<>();
            while (j < to) {
                Token t = tokens.get(j);
                if (t.text().isEmpty() && !t.delimited()) {
                    j++;
                    continue;
                }
                if (!t.cellLike()) {
                    break;
                }
                printed.add(CellValue.parse(t.text()));
                j++;
                if (t.delimited() && t.lastOnLine() && hasNumber(printed)) {
                    break;
                }
            }
            if (hasNumberOrMark(printed)) {
                List<String> columns = columnsOf.apply(spec.key());
                RowAligner.Aligned aligned = fit(printed, columns.size(), alignerOf.apply(spec.key()));
                if (aligned.realigned()) {
                    long filled = printed.stream().filter(c -> !isBlank(c)).count();
                    warnings.add(tableName + " row '" + token.text() + "': " + filled + " filled cells for "
                            + columns.size() + " columns" + (aligned.uncertain()
                            ? "; cells that could belong to more than one column are left empty"
                            : "; realigned by the row's arithmetic"));
                }
                rows.put(spec.key(), new ParsedRow(spec.key(), token.text(), columns, aligned.cells()));
            }
            i = Math.max(i + 1, j);
        }
        return rows;
    }

    static RowSpec match(Token token, List<RowSpec> specs, String previousKey) {
        if (token.text().isEmpty() || token.text().length() > Tokens.MAX_LABEL || token.cellLike()) {
            return null;
        }
        String core = coreOfNormalized(token.normalized());
        for (RowSpec spec : specs) {
            if (spec.matches(core, previousKey)) {
                return spec;
            }
        }
        return null;
    }

    /**
     * Drops padding blanks at the ends (spanned label columns, trailing delimiters), then aligns.
     * Where the row has arithmetic, every blank at the ends is padding or a dropped cell alike, so
     * the aligner decides where the gaps go; without arithmetic only the blanks beyond the width go.
     */
    static RowAligner.Aligned fit(List<CellValue> printed, int width, RowAligner aligner) {
        List<CellValue> cells = new ArrayList<>(printed);
        boolean stripAll = aligner.hasArithmetic();
        while (!cells.isEmpty() && isBlank(cells.get(cells.size() - 1)) && (stripAll || cells.size() > width)) {
            cells.remove(cells.size() - 1);
        }
        while (!cells.isEmpty() && isBlank(cells.get(0)) && (stripAll || cells.size() > width)) {
            cells.remove(0);
        }
        return aligner.align(cells);
    }

    private static boolean isBlank(CellValue cell) {
        return cell.kind() == dev.govwatch.schemas.CellKind.BLANK;
    }

    private static boolean hasNumber(List<CellValue> cells) {
        return cells.stream().anyMatch(c -> c.kind() == dev.govwatch.schemas.CellKind.NUMBER);
    }

    private static boolean hasNumberOrMark(List<CellValue> cells) {
        return cells.stream().anyMatch(c -> c.kind() == dev.govwatch.schemas.CellKind.NUMBER
                || c.kind() == dev.govwatch.schemas.CellKind.NOT_APPLICABLE);
    }
}
