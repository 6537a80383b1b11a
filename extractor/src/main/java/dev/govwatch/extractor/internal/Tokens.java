package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits the report's lines into {@link Token}s, whatever shape its tables were flattened into. */
public final class Tokens {

    private static final String NUMBER = "[+-]{0,2}\\d[\\d.,]*(?:万元|元)?";
    private static final Pattern SPACED_NUMBERS = Pattern.compile("^" + NUMBER + "(\\s+" + NUMBER + ")+$");
    /** A label followed by its numbers on one line, as PDF text gives table rows. */
    private static final Pattern LABEL_AND_NUMBERS = Pattern.compile(
            "^(\\S(?:.{0,38}?[^\\d\\s+.,-])?)\\s+(" + NUMBER + "(?:\\s+" + NUMBER + ")*)$");

    /** A label with its figures run together after it ("…申请数量6420000066"), as archive texts print rows. */
    private static final Pattern LABEL_THEN_DIGITS = Pattern.compile("^(\\S.{0,78}?[^\\d\\s+.,:：/／-])(\\d{2,})$");

    /** No row label is longer (TableReader ignores longer tokens as labels). */
    static final int MAX_LABEL = 80;

    private Tokens() {
    }

    /** Tokens of the whole document. */
    public static List<Token> of(ReportDocument doc) {
        return of(doc, 0, doc.lines().size());
    }

    /** Tokens of lines [from, to). */
    public static List<Token> of(ReportDocument doc, int from, int to) {
        List<String> lines = doc.lines();
        List<Token> tokens = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String line = lines.get(i);
            String stripped = Text.strip(line);
            if (stripped.isEmpty()) {
                continue;
            }
            String[] cells;
            boolean delimited;
            List<String> grid = doc.cells(i);
            if (grid != null) {
                cells = grid.toArray(String[]::new);
                delimited = true;
            } else if (line.indexOf('|') >= 0) {
                cells = splitKeepingEmpty(line, '|');
                delimited = true;
            } else if (line.indexOf('\t') >= 0) {
                cells = splitKeepingEmpty(line, '\t');
                delimited = true;
            } else if (!endsWithNumber(stripped)) {
                // A paragraph longer than any label only separates rows: it is not worth normalizing.
                String normalized = stripped.length() > MAX_LABEL ? stripped : doc.normalized(i);
                tokens.add(new Token(stripped, normalized, i, false, true, false));
                continue;
            } else if (SPACED_NUMBERS.matcher(stripped).matches()) {
                // A row of numbers separated by spaces: each number is a cell.
                cells = stripped.split("\\s+");
                delimited = false;
            } else if (LABEL_AND_NUMBERS.matcher(stripped).matches()) {
                java.util.regex.Matcher m = LABEL_AND_NUMBERS.matcher(stripped);
                m.matches();
                List<String> parts = new ArrayList<>();
                parts.add(m.group(1));
                parts.addAll(List.of(m.group(2).split("\\s+")));
                cells = parts.toArray(String[]::new);
                delimited = true;
            } else if (stripped.length() <= MAX_LABEL + 40 && LABEL_THEN_DIGITS.matcher(stripped).matches()) {
                java.util.regex.Matcher m = LABEL_THEN_DIGITS.matcher(stripped);
                m.matches();
                cells = new String[] {m.group(1), m.group(2)};
                delimited = false;
            } else {
                cells = new String[] {stripped};
                delimited = false;
            }
            for (int c = 0; c < cells.length; c++) {
                tokens.add(new Token(Text.strip(cells[c]), i, delimited, c == cells.length - 1));
            }
        }
        return tokens;
    }

    private static boolean endsWithNumber(String s) {
        char last = s.charAt(s.length() - 1);
        return Character.isDigit(last) || last == '元' || (last >= '\uff10' && last <= '\uff19');
    }

    private static String[] splitKeepingEmpty(String line, char delimiter) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == delimiter) {
                parts.add(line.substring(start, i));
                start = i + 1;
            }
        }
        // Markdown-style rows start and end with a delimiter; those ends are not cells.
        if (parts.size() > 1 && Text.strip(parts.get(0)).isEmpty() && delimiter == '|') {
            parts.remove(0);
        }
        return parts.toArray(String[]::new);
    }
}
