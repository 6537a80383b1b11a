package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A MinHash signature of a report's prose, so that text copied from another year's report (内容雷同,
 * even with the year changed) can be found without keeping the text: the share of equal positions
 * in two signatures estimates the Jaccard similarity of their 4-character shingles (the validator
 * compares them). Digits are masked, table rows and boilerplate every report carries are left out.
 *
 * <p>One-permutation MinHash with optimal densification (Shrivastava, ICML 2017): each shingle is
 * hashed once, its hash's top bits pick one of {@link #SIZE} bins and the rest is kept if it is the
 * bin's minimum; an empty bin borrows the value of the first filled bin a fixed hash sequence points
 * to. The cost is one hash per shingle, not one per shingle and position as with 64 independent
 * hash functions (the signatures before, 64 long: a signature of another length compares as
 * unrelated, so reports extracted before are compared again after a replay of the extractor).
 */
public final class TextSignature {

    public static final int SIZE = 128;
    private static final int BITS = 7;
    private static final long VALUE_MASK = (1L << (64 - BITS)) - 1;
    private static final long EMPTY = Long.MAX_VALUE;
    private static final int SHINGLE = 4;
    /** The polynomial hash's seed carried through a shingle: 1125899906842597 · 31⁴. */
    private static final long SEED_TERM = 1125899906842597L * 31 * 31 * 31 * 31;
    /** A shingle's first character's weight, 31³. */
    private static final long LEAD_FACTOR = 31L * 31 * 31;
    /**
     * Sentences every report writes (legal basis, how to read it, contacts): they would make all
     * reports alike. Looked for with {@code indexOf}, not one regex alternation tried at every position
     * (that alone took about a quarter of a page's extraction).
     */
    static final String[] BOILERPLATE = {
        "条例", "本报告", "统计期限", "统计期间", "如对", "联系", "电话", "邮编", "地址", "报告全文", "组成", "编制", "四舍五入"};

    private TextSignature() {
    }

    /** The signature, or an empty list when there is too little prose to compare. */
    public static List<Long> of(ReportDocument doc, int minChars) {
        Prose prose = new Prose();
        char[] line = new char[256];
        for (int i = 0; i < doc.lines().size(); i++) {
            String raw = doc.lines().get(i);
            if (raw.indexOf('|') >= 0 || raw.indexOf('\t') >= 0 || raw.length() < 20) {
                continue;
            }
            // Normalized into a reused buffer: most prose lines are read here only, and a String for
            // each cost as much as gathering them.
            if (line.length < raw.length()) {
                line = new char[Math.max(raw.length(), line.length * 2)];
            }
            int length = Text.normalizeInto(raw, line);
            if (length < 0) {
                String normalized = doc.normalized(i);
                prose.add(normalized.toCharArray(), normalized.length());
            } else {
                prose.add(line, length);
            }
        }
        if (prose.length < minChars) {
            return List.of();
        }
        return signature(prose.chars, prose.length);
    }

    /** The signature of a text taken as it is (no masking). */
    static List<Long> signature(CharSequence text) {
        char[] chars = text.toString().toCharArray();
        return signature(chars, chars.length);
    }

    private static List<Long> signature(char[] text, int length) {
        long[] bins = new long[SIZE];
        Arrays.fill(bins, EMPTY);
        // Each shingle's polynomial hash (seed·31⁴ + c₀·31³ + … + c₃) from its own four characters: the
        // hash rolled from the last shingle's did less arithmetic but chained every shingle to the one
        // before, and the chain, not the arithmetic, set the pace.
        for (int i = 0; i + SHINGLE <= length; i++) {
            long h = mix(SEED_TERM + LEAD_FACTOR * text[i] + 31 * 31 * text[i + 1] + 31 * text[i + 2] + text[i + 3]);
            int bin = (int) (h >>> (64 - BITS));
            long value = h & VALUE_MASK;
            if (value < bins[bin]) {
                bins[bin] = value;
            }
        }
        List<Long> signature = new ArrayList<>(SIZE);
        for (int bin = 0; bin < SIZE; bin++) {
            signature.add(bins[bin] != EMPTY ? bins[bin] : borrowed(bins, bin));
        }
        return signature;
    }

    /** Optimal densification: the first filled bin along the empty bin's own hash sequence (the same in every document). */
    private static long borrowed(long[] bins, int bin) {
        for (long attempt = 1; attempt < 64L * SIZE; attempt++) {
            int from = (int) (mix(bin * 0x9E3779B97F4A7C15L + attempt) >>> (64 - BITS));
            if (bins[from] != EMPTY) {
                return bins[from];
            }
        }
        return EMPTY;
    }

    /**
     * For each ideograph, 1 + the index in {@link #PHRASES_BY_START} of the boilerplate phrases (with
     * "网站" and "下载") that begin with it, or 0: a character of the prose is tested against the one
     * or two phrases it can begin, not all of them.
     */
    private static final byte[] PHRASE_START = new byte['\u9fff' - '\u4e00' + 1];
    private static final String[][] PHRASES_BY_START;

    static {
        java.util.Map<Character, List<String>> byStart = new java.util.LinkedHashMap<>();
        for (String phrase : BOILERPLATE) {
            byStart.computeIfAbsent(phrase.charAt(0), c -> new ArrayList<>()).add(phrase);
        }
        byStart.computeIfAbsent('网', c -> new ArrayList<>()).add("网站");
        byStart.computeIfAbsent('下', c -> new ArrayList<>()).add("下载");
        PHRASES_BY_START = new String[byStart.size()][];
        int index = 0;
        for (var entry : byStart.entrySet()) {
            PHRASES_BY_START[index] = entry.getValue().toArray(String[]::new);
            PHRASE_START[entry.getKey() - '\u4e00'] = (byte) ++index;
        }
    }

    /**
     * The prose gathered so far, as plain chars (a StringBuilder checked its coder and room on every
     * char): each line's sentences (ended by '。' or ';', which are left out) that are not
     * boilerplate (a phrase of {@link #BOILERPLATE}, or "网站" and then "下载"), every run of digits one '#' so that figures and years do not tell texts apart.
     */
    private static final class Prose {
        char[] chars = new char[4096];
        int length;

        /**
         * Adds one normalized line in one pass: a sentence is copied as it is read and taken back at
         * its end if it held a boilerplate phrase (looked for only where a character can begin one),
         * instead of a substring per sentence searched for each phrase.
         */
        void add(char[] line, int end) {
            if (length + end > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + end));
            }
            char[] out = chars;
            int n = length;
            int sentenceOut = n;
            boolean inDigits = false;
            boolean boilerplate = false;
            int site = -1;
            for (int i = 0; i < end; i++) {
                char c = line[i];
                // Ideographs first, in one branch: nearly all of the prose, and none of them a sentence
                // end or a digit.
                if (c >= '\u4e00' && c <= '\u9fff') {
                    out[n++] = c;
                    inDigits = false;
                    int starts = PHRASE_START[c - '\u4e00'];
                    if (starts != 0 && !boilerplate) {
                        for (String phrase : PHRASES_BY_START[starts - 1]) {
                            if (startsWith(line, end, phrase, i)) {
                                if (c == '网') {
                                    site = site < 0 ? i : site;
                                } else if (c != '下' || site >= 0 && i >= site + 2) {
                                    boilerplate = true;
                                }
                            }
                        }
                    }
                    continue;
                }
                if (c == '。' || c == ';') {
                    if (boilerplate) {
                        n = sentenceOut;
                    }
                    sentenceOut = n;
                    inDigits = false;
                    boilerplate = false;
                    site = -1;
                    continue;
                }
                if (c >= '0' && c <= '9') {
                    if (!inDigits) {
                        out[n++] = '#';
                        inDigits = true;
                    }
                    continue;
                }
                out[n++] = c;
                inDigits = false;
            }
            length = boilerplate ? sentenceOut : n;
        }
    }

    private static boolean startsWith(char[] text, int length, String phrase, int at) {
        if (at + phrase.length() > length) {
            return false;
        }
        for (int k = 0; k < phrase.length(); k++) {
            if (text[at + k] != phrase.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** SplitMix64's finalizer: every input bit reaches every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
