package dev.govwatch.extractor.internal;

/**
 * The numbering printed in front of a normalized row label, and a group's name merged in front of
 * it, found by hand: every label token of a page is stripped this way, up to four times and for each
 * table it might belong to, and the two regular expressions this replaces cost about 5 % of a page's
 * extraction. {@code LabelNumberingTest} holds both expressions and checks these methods against them.
 */
final class LabelNumbering {

    private static final String NUMERALS = "一二三四五六七八九十";

    private LabelNumbering() {
    }

    /**
     * The length of the numbering at the start of {@code s}, or -1: what
     * {@code ^(\(?[一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}[、.]|\d{1,2}[、.．](?!\d)|\(\d{1,2}\))} matches
     * ("(三)", "三、", "1.", "(2)").
     */
    static int numberingLength(String s) {
        int paren = startsWith(s, 0, '(') ? 1 : 0;
        int numerals = run(s, paren, true, false);
        if (numerals >= 1 && numerals <= 3 && startsWith(s, paren + numerals, ')')) {
            return paren + numerals + 1;
        }
        numerals = run(s, 0, true, false);
        if (numerals >= 1 && numerals <= 3 && isAny(s, numerals, "、.")) {
            return numerals + 1;
        }
        int digits = run(s, 0, false, true);
        if (digits >= 1 && digits <= 2 && isAny(s, digits, "、.．") && !isDigit(s, digits + 1)) {
            return digits + 1;
        }
        digits = paren == 1 ? run(s, 1, false, true) : 0;
        if (digits >= 1 && digits <= 2 && startsWith(s, 1 + digits, ')')) {
            return digits + 2;
        }
        return -1;
    }

    /**
     * The length of a group name of two to seven ideographs directly before a numbering, or -1: what
     * {@code ^([\u4e00-\u9fa5]{2,7})(?=\(?[一二三四五六七八九十\d]{1,2}[)、.．])} matches ("不予公开" in
     * "不予公开1.属于国家秘密"), the longest such prefix first.
     */
    static int groupPrefixLength(String s) {
        int ideographs = 0;
        while (ideographs < 7 && ideographs < s.length() && s.charAt(ideographs) >= '\u4e00' && s.charAt(ideographs) <= '\u9fa5') {
            ideographs++;
        }
        for (int k = ideographs; k >= 2; k--) {
            int at = startsWith(s, k, '(') ? k + 1 : k;
            int marks = run(s, at, true, true);
            if (marks >= 1 && marks <= 2 && isAny(s, at + marks, ")、.．")) {
                return k;
            }
        }
        return -1;
    }

    /** How many characters from {@code from} are Chinese numerals 一…十 and/or ASCII digits, as asked. */
    private static int run(String s, int from, boolean numerals, boolean digits) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!(numerals && NUMERALS.indexOf(c) >= 0) && !(digits && c >= '0' && c <= '9')) {
                break;
            }
            i++;
        }
        return i - from;
    }

    private static boolean startsWith(String s, int at, char c) {
        return at < s.length() && s.charAt(at) == c;
    }

    private static boolean isAny(String s, int at, String chars) {
        return at < s.length() && chars.indexOf(s.charAt(at)) >= 0;
    }

    private static boolean isDigit(String s, int at) {
        return at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9';
    }
}
