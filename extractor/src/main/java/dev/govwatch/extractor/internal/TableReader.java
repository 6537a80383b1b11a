package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds labelled rows in a stretch of tokens, whatever the table's shape: after a token whose label
 * matches a {@link RowSpec}, the row's cells are the cell-like tokens that follow (empty ones only
 * on delimited lines), ended by the next text token or by the end of a delimited line.
 */
public final class TableReader {

    /** A unit column of the old statistics table. */
    private static final Pattern UNIT = Pattern.compile("^(条|件|个|次|人|人次|万元|元|项|篇|场|期)$");
    /**
     * A group's label, or a piece of it, printed in the same cell as a row's numbered label: merged
     * ("不予公开1.属于国家秘密") or wrapped in a narrow PDF cell whose other piece went elsewhere
     * ("（五）不予" beside "2.重复申请", "处理" lost); found by {@link LabelNumbering#groupPrefixLength}.
     */
    private static final List<String> GROUP_NAMES = List.of("本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理");
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
        // Labels carry up to three levels of numbering, a group's label merged in front of its first
        // row: "(三)1.属于国家秘密", "三、本年度办理结果(一)予以公开", "三、本年度办理结果(三)不予公开1.属于国家秘密".
        for (int i = 0; i < 4; i++) {
            int numbering = LabelNumbering.numberingLength(n);
            String stripped = numbering < 0 ? n : n.substring(numbering);
            int group = LabelNumbering.groupPrefixLength(stripped);
            if (group > 0 && isGroupName(stripped.substring(0, group))) {
                stripped = stripped.substring(group);
            }
            if (stripped.equals(n)) {
                break;
            }
            n = stripped;
        }
        return n;
    }

    private static boolean isGroupName(String piece) {
        for (String name : GROUP_NAMES) {
            if (name.contains(piece)) {
                return true;
            }
        }
        return false;
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
            if (spec == null && i + 1 < to && !token.cellLike() && !token.text().isEmpty()
                    && !tokens.get(i + 1).cellLike() && !tokens.get(i + 1).text().isEmpty()) {
                // A label split over two cells or lines ("1.属于国家 | 秘密", "三、本年度办" / "理结果").
                Token next = tokens.get(i + 1);
                Token joined = new Token(token.text() + next.text(), next.line(), next.delimited(), next.lastOnLine());
                spec = match(joined, specs, previousKey);
                if (spec != null && match(next, specs, previousKey) == null) {
                    token = joined;
                    i++;
                } else {
                    spec = null;
                }
            }
            if (spec == null || rows.containsKey(spec.key())) {
                i++;
                continue;
            }
            previousKey = spec.key();
            int j = i + 1;
            // Label text wrapped onto the next line(s), before any cell.
            int continuations = 0;
            while (j < to && continuations < 3 && (UNIT.matcher(tokens.get(j).text()).matches()
                    || ((!token.delimited() || tokens.get(j).line() == token.line()) && !tokens.get(j).cellLike()
                        && tokens.get(j).text().length() <= MAX_CONTINUATION
                        && match(tokens.get(j), specs, previousKey) == null
                        && !startsSplitLabel(tokens, j, to, specs, previousKey)))) {
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
            RowAligner aligner = alignerOf.apply(spec.key());
            if (printed.isEmpty() && aligner.hasArithmetic() && !spec.group()
                    && (token.delimited() ? lineHasNoMoreText(tokens, j, to, token) : nextRowOrEnd(tokens, j, to, specs, spec))) {
                // A row with its label alone (on a delimited line, or followed by the next label):
                // every cell blank (blank cells dropped), or the figures elsewhere. Blank only if the
                // table's identities confirm it (TableFit).
                List<String> columns = columnsOf.apply(spec.key());
                List<CellValue> cells = new ArrayList<>();
                for (int c = 0; c < columns.size(); c++) {
                    cells.add(CellValue.uncertain("该行未印数字"));
                }
                rows.put(spec.key(), new ParsedRow(spec.key(), token.text(), columns, cells,
                        List.<long[]>of(new long[columns.size()]), dev.govwatch.schemas.CellSource.REALIGNED));
                i = Math.max(i + 1, j);
                continue;
            }
            if (hasNumberOrMark(printed)) {
                List<String> columns = columnsOf.apply(spec.key());
                String lone = printed.size() == 1 ? printed.get(0).raw() : "";
                if (DigitRuns.isRun(lone, columns.size()) && (aligner.hasArithmetic() || lone.charAt(0) == '0')) {
                    // Without arithmetic a lone number may as well be one figure with the others dropped,
                    // unless it starts with 0: no figure is printed so, so it is the row's figures run together.
                    rows.put(spec.key(), runRow(spec.key(), token.text(), columns, printed.get(0).raw(), aligner,
                            tableName, warnings));
                    i = Math.max(i + 1, j);
                    continue;
                }
                RowAligner.Aligned aligned = fit(printed, columns.size(), aligner);
                if (aligned.realigned()) {
                    long filled = printed.stream().filter(c -> !isBlank(c)).count();
                    warnings.add(tableName + " row '" + token.text() + "': " + filled + " filled cells for "
                            + columns.size() + " columns" + (aligned.uncertain()
                            ? "; cells that could belong to more than one column are left empty"
                            : "; realigned by the row's arithmetic"));
                }
                rows.put(spec.key(), new ParsedRow(spec.key(), token.text(), columns, aligned.cells(),
                        aligned.alternatives(), dev.govwatch.schemas.CellSource.REALIGNED));
            }
            i = Math.max(i + 1, j);
        }
        return rows;
    }

    /**
     * A row whose figures were printed with no separator: split by the row's arithmetic. One split:
     * numbers; several: uncertain, with the splits kept for {@link TableFit}; none: uncertain.
     */
    public static ParsedRow runRow(String key, String label, List<String> columns, String digits, RowAligner aligner,
                            String tableName, List<String> warnings) {
        List<long[]> splits = DigitRuns.split(digits, columns.size(), aligner.groupSize());
        if (splits.size() == 1) {
            List<CellValue> cells = new ArrayList<>();
            for (long v : splits.get(0)) {
                cells.add(new CellValue(dev.govwatch.schemas.CellKind.NUMBER, (double) v, Long.toString(v),
                        dev.govwatch.schemas.CellSource.SPLIT_BY_ARITHMETIC));
            }
            warnings.add(tableName + " row '" + label + "': figures run together (" + digits + "), "
                    + (aligner.hasArithmetic() ? "split by the row's arithmetic" : "split the only way without leading zeros"));
            return new ParsedRow(key, label, columns, cells);
        }
        String reason = splits.isEmpty() ? "数字连写为 " + digits + "，没有一种拆分符合该行的勾稽关系"
                : splits.size() > DigitRuns.MAX_SPLITS ? "数字连写为 " + digits + "，可拆分的方式过多"
                : !aligner.hasArithmetic() ? "数字连写为 " + digits + "，该行无勾稽关系，可拆分为 " + TableFit.describe(splits)
                : "数字连写为 " + digits + "，可拆分为 " + TableFit.describe(splits);
        warnings.add(tableName + " row '" + label + "': figures run together (" + digits + "), "
                + (splits.isEmpty() ? "no split fits the row's arithmetic" : splits.size() + " splits fit the row's arithmetic"));
        List<CellValue> cells = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            cells.add(CellValue.uncertain(reason));
        }
        return new ParsedRow(key, label, columns, cells,
                splits.size() > DigitRuns.MAX_SPLITS ? List.of() : List.copyOf(splits),
                dev.govwatch.schemas.CellSource.SPLIT_BY_ARITHMETIC);
    }

    /** Whether nothing but blanks follows the label on its line, and the next line starts another row or ends the table. */
    private static boolean lineHasNoMoreText(List<Token> tokens, int j, int to, Token label) {
        for (int k = j; k < to && tokens.get(k).line() == label.line(); k++) {
            if (!tokens.get(k).text().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Whether token j starts another row's label (whole or split in two), or the table ends there. */
    private static boolean nextRowOrEnd(List<Token> tokens, int j, int to, List<RowSpec> specs, RowSpec current) {
        if (j >= to) {
            return true;
        }
        RowSpec next = match(tokens.get(j), specs, current.key());
        if (next == null && startsSplitLabel(tokens, j, to, specs, current.key())) {
            Token a = tokens.get(j);
            Token b = tokens.get(j + 1);
            next = match(new Token(a.text() + b.text(), b.line(), b.delimited(), b.lastOnLine()), specs, current.key());
        }
        return next != null && !next.key().equals(current.key());
    }

    /** Whether tokens j and j+1 are one row label split in two (then j is not a continuation of the label before). */
    private static boolean startsSplitLabel(List<Token> tokens, int j, int to, List<RowSpec> specs, String previousKey) {
        if (j + 1 >= to || tokens.get(j + 1).cellLike()) {
            return false;
        }
        Token a = tokens.get(j);
        Token b = tokens.get(j + 1);
        return match(new Token(a.text() + b.text(), b.line(), b.delimited(), b.lastOnLine()), specs, previousKey) != null;
    }

    public static RowSpec match(Token token, List<RowSpec> specs, String previousKey) {
        if (token.text().isEmpty() || token.text().length() > Tokens.MAX_LABEL || token.cellLike()) {
            return null;
        }
        String core = coreOfNormalized(token.normalized());
        for (RowSpec spec : specs) {
            if (spec.matches(core, previousKey)) {
                return spec;
            }
        }
        // A group label printed down the side, one character per line, lands before a row's label
        // in PDF text flow ("本 2.其他法律…", "三 （二）部分公开…").
        Matcher side = SIDE_CHARACTER.matcher(token.text());
        if (side.matches()) {
            return match(new Token(side.group(1), token.line(), token.delimited(), token.lastOnLine()), specs, previousKey);
        }
        return null;
    }

    private static final Pattern SIDE_CHARACTER = Pattern.compile("^[\\u4e00-\\u9fa5、]{1,2}[\\s\\u3000]+(\\S.*)$");

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

    /** Whether a figure was printed: a number, or a figure OCR saw but could not be sure of. */
    private static boolean hasNumber(List<CellValue> cells) {
        return cells.stream().anyMatch(c -> c.kind() == dev.govwatch.schemas.CellKind.NUMBER || ocrDoubt(c));
    }

    private static boolean hasNumberOrMark(List<CellValue> cells) {
        return cells.stream().anyMatch(c -> c.kind() == dev.govwatch.schemas.CellKind.NUMBER
                || c.kind() == dev.govwatch.schemas.CellKind.NOT_APPLICABLE || ocrDoubt(c));
    }

    private static boolean ocrDoubt(CellValue c) {
        return c.kind() == dev.govwatch.schemas.CellKind.UNCERTAIN && c.confidence() != null;
    }
}
