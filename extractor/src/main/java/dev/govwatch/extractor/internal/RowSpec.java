package dev.govwatch.extractor.internal;

import java.util.regex.Pattern;

/**
 * A row a statistics table is expected to have: its canonical key, its official label, and the
 * distinctive part of the label that identifies it however the report prints it.
 *
 * @param key          canonical key, e.g. {@code apps.withheld.stateSecret}
 * @param label        the official label
 * @param pattern      matched (find) against the normalized label without its numbering
 * @param afterKeyPrefix when set, the row only counts right after a row whose key starts with it
 *                       (for labels as generic as "其他" or "总计")
 * @param group        whether the template gives the row children, whose sum its figures are (a
 *                     group label printed alone heads its children; it is not a row of blanks)
 * @param cueStarts    a character of which every match of {@code pattern} begins with one, or null
 *                     when the pattern does not say (a label holding none of them cannot match)
 * @param literals     the pattern's alternatives as plain text when it is no more than that, else null
 */
public record RowSpec(String key, String label, Pattern pattern, String afterKeyPrefix, boolean group, char[] cueStarts,
                      Literal[] literals) {

    public static RowSpec of(String key, String label, String regex) {
        return new RowSpec(key, label, Pattern.compile(regex), null, false, cueStarts(regex), literals(regex));
    }

    public static RowSpec after(String key, String label, String regex, String afterKeyPrefix) {
        return new RowSpec(key, label, Pattern.compile(regex), afterKeyPrefix, false, cueStarts(regex), literals(regex));
    }

    /** The same spec, marked as a group row. */
    public RowSpec asGroup() {
        return new RowSpec(key, label, pattern, afterKeyPrefix, true, cueStarts, literals);
    }

    /**
     * One alternative of a cue that is plain text, anchored or not ("本年新收", "^予以公开", "^总计$"),
     * found with String methods exactly where the regex would find it: most cues are such phrases, and a
     * Matcher per label and spec was the largest regex cost left in reading a table.
     */
    record Literal(String text, boolean atStart, boolean atEnd) {

        boolean foundIn(String s) {
            if (!atEnd) {
                return atStart ? s.startsWith(text) : s.contains(text);
            }
            // '$' matches at the end and before a line terminator that ends the input (not inside "\r\n").
            int end = s.length();
            if (s.endsWith("\r\n")) {
                end -= 2;
            } else if (end > 0 && "\n\r\u0085\u2028\u2029".indexOf(s.charAt(end - 1)) >= 0) {
                end -= 1;
            }
            return endsAt(s, s.length()) || end != s.length() && endsAt(s, end);
        }

        private boolean endsAt(String s, int end) {
            int from = end - text.length();
            return from >= 0 && (!atStart || from == 0) && s.startsWith(text, from);
        }
    }

    /** The cue's alternatives when every one is plain text with at most a leading ^ and a trailing $; else null. */
    static Literal[] literals(String regex) {
        String[] alternatives = regex.split("\\|", -1);
        Literal[] literals = new Literal[alternatives.length];
        for (int i = 0; i < alternatives.length; i++) {
            String a = alternatives[i];
            boolean atStart = a.startsWith("^");
            boolean atEnd = a.endsWith("$") && a.length() > (atStart ? 1 : 0);
            String text = a.substring(atStart ? 1 : 0, a.length() - (atEnd ? 1 : 0));
            if (text.isEmpty()) {
                return null;
            }
            for (int c = 0; c < text.length(); c++) {
                if (".\\$*+?{}[]()^|".indexOf(text.charAt(c)) >= 0) {
                    return null;
                }
            }
            literals[i] = new Literal(text, atStart, atEnd);
        }
        return literals;
    }

    /**
     * The first characters of the cue's alternatives, where each is a plain character (the cues are
     * short phrases: "本年新收", "^予以公开", "信访|举报投诉"); null for any other shape. Every label
     * token of a page is tried against every spec, and most hold none of these characters: they are
     * turned away without a regex match (a Matcher each, 8 % of a page's extraction before).
     */
    static char[] cueStarts(String regex) {
        if (regex.indexOf('(') >= 0 || regex.indexOf('[') >= 0 || regex.indexOf('\\') >= 0) {
            return null;
        }
        String[] alternatives = regex.split("\\|", -1);
        char[] starts = new char[alternatives.length];
        for (int i = 0; i < alternatives.length; i++) {
            String a = alternatives[i].startsWith("^") ? alternatives[i].substring(1) : alternatives[i];
            if (a.isEmpty() || ".\\$*+?{}".indexOf(a.charAt(0)) >= 0 || (a.length() > 1 && "*+?{".indexOf(a.charAt(1)) >= 0)) {
                return null;
            }
            starts[i] = a.charAt(0);
        }
        return starts;
    }

    boolean matches(String labelWithoutNumbering, String previousKey) {
        if (cueStarts != null && !holdsAny(labelWithoutNumbering, cueStarts)) {
            return false;
        }
        if (!(literals != null ? anyFound(labelWithoutNumbering) : pattern.matcher(labelWithoutNumbering).find())) {
            return false;
        }
        return afterKeyPrefix == null || (previousKey != null && previousKey.startsWith(afterKeyPrefix));
    }

    private boolean anyFound(String text) {
        for (Literal literal : literals) {
            if (literal.foundIn(text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsAny(String text, char[] chars) {
        for (char c : chars) {
            if (text.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }
}
