package dev.govwatch.extractor.internal;

import java.text.Normalizer;

/**
 * Normal form used to match labels: full-width ASCII and ideographic spaces folded (what NFKC does
 * to the characters these reports use), traditional characters common in these reports mapped to
 * simplified ones, and for {@link #normalize} all whitespace removed.
 *
 * <p>Runs on every line and cell of every page, so the common characters take a table lookup and
 * only rare compatibility characters (circled numbers, CJK compatibility ideographs) go through
 * {@link Normalizer}.
 */
public final class Text {

    private static final char CJK_START = '\u4e00';
    private static final char CJK_END = '\u9fff';
    /** Simplified form of each traditional character in the CJK block, or 0. */
    private static final char[] SIMPLIFIED = new char[CJK_END - CJK_START + 1];

    static {
        String pairs = "開开報报請请數数處处額额總总計计結结轉转複复議议訟讼訴诉國国機机關关規规範范費费條条項项與与務务發发書书類类"
                + "產产業业個个資资無无為为來来會会實实從从對对應应證证審审問问題题況况維维糾纠護护權权際际組组織织並并"
                + "訊讯網网絡络員员經经營营採采購购訪访談谈聞闻舉举辦办歷历屆届";
        for (int i = 0; i + 1 < pairs.length(); i += 2) {
            SIMPLIFIED[pairs.charAt(i) - CJK_START] = pairs.charAt(i + 1);
        }
    }

    private Text() {
    }

    /** Folded and without any whitespace: the form labels are matched in. */
    public static String normalize(String s) {
        return fold(s, true);
    }

    /** Folded, whitespace kept. */
    public static String fold(String s) {
        return fold(s, false);
    }

    private static String fold(String s, boolean dropSpaces) {
        if (s == null) {
            return "";
        }
        // A char array, not a StringBuilder: a line of prose with one full-width comma is copied whole,
        // and appending char by char checked the builder's room at every character.
        char[] out = null;
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int mapped = map(c, dropSpaces);
            if (mapped == NEEDS_NORMALIZER) {
                return fold(Normalizer.normalize(s, Normalizer.Form.NFKC).replace(c, ' '), dropSpaces);
            }
            if (mapped != c && out == null) {
                out = new char[s.length()];
                s.getChars(0, i, out, 0);
                length = i;
            }
            if (out != null && mapped != DROPPED) {
                out[length++] = (char) mapped;
            }
        }
        return out == null ? s : new String(out, 0, length);
    }

    /**
     * {@link #normalize} of {@code s} written into {@code out} from index 0, without a String: for
     * prose read once and never matched again (the prose signature). Returns the length written, or
     * -1 when {@code s} holds a rare compatibility character that takes {@link #normalize}.
     *
     * @param out at least {@code s.length()} long
     */
    static int normalizeInto(String s, char[] out) {
        int length = 0;
        boolean changed = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int mapped = map(c, true);
            if (mapped == NEEDS_NORMALIZER) {
                return -1;
            }
            changed |= mapped != c;
            // as fold does: a NUL is kept until the first character that changes, dropped after it
            if (mapped != DROPPED || !changed) {
                out[length++] = (char) mapped;
            }
        }
        return length;
    }

    /** What {@link #map} gives a space that is dropped (a NUL in the text is dropped with it where the line changes). */
    private static final int DROPPED = 0;
    /** What {@link #map} gives a character only {@link Normalizer} folds. */
    private static final int NEEDS_NORMALIZER = -1;

    /** One character folded: itself, its folded form, {@link #DROPPED} or {@link #NEEDS_NORMALIZER}. */
    private static int map(char c, boolean dropSpaces) {
        // Ideographs before the whitespace test: most of a report's characters, and none of them a space.
        if (c < 0x80 && c > ' ') {
            return c;
        } else if (c >= CJK_START && c <= CJK_END) {
            char simplified = SIMPLIFIED[c - CJK_START];
            return simplified == 0 ? c : simplified;
        } else if (c >= '\uff01' && c <= '\uff5e') {
            // full-width punctuation (，：（）) next: a report's commas, and no space among them
            return c - 0xfee0;
        } else if (c > '\u3000' && c < '\u3200') {
            // 、。「」 and the rest of CJK punctuation, kana and bopomofo: kept, without the whitespace test
            return c;
        } else if (isSpace(c)) {
            return dropSpaces ? DROPPED : ' ';
        } else if (needsNormalizer(c)) {
            return NEEDS_NORMALIZER;
        }
        return c;
    }

    /** Compatibility characters NFKC rewrites that the fast path does not handle. */
    private static boolean needsNormalizer(char c) {
        return (c >= '\u2460' && c <= '\u24ff') || (c >= '\u2150' && c <= '\u218f') || (c >= '\uf900' && c <= '\ufaff')
                || (c >= '\u3200' && c <= '\u33ff') || (c >= '\ufe30' && c <= '\ufe4f');
    }

    /** The characters of {@code s} that are not whitespace, non-breaking or ideographic spaces: a section's length. */
    public static int nonSpaceLength(String s) {
        // Counted down from the length, testing only the ranges that hold spaces: nearly every character
        // of a report is neither, and one test per character for all three kinds cost 15 % of a page.
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || (c >= 0x7f && c <= '\u3000')) {
                if (Character.isWhitespace(c) || c == '\u3000' || c == '\u00a0') {
                    n--;
                }
            }
        }
        return n;
    }

    /** Trims ordinary, non-breaking and ideographic spaces. */
    public static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00a0' || c == '\u3000' || c == '\u200b' || c == '\ufeff';
    }
}
