package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A MinHash signature of a report's prose, so that text copied from another year's report (内容雷同,
 * even with the year changed) can be found without keeping the text: the share of equal positions
 * in two signatures estimates the Jaccard similarity of their 4-character shingles (the validator
 * compares them). Digits are
 * masked, table rows and boilerplate every report carries are left out.
 */
public final class TextSignature {

    public static final int SIZE = 64;
    private static final int SHINGLE = 4;
    /** Sentences every report writes (legal basis, how to read it, contacts): they would make all reports alike. */
    private static final Pattern BOILERPLATE = Pattern.compile(
            "条例|本报告|统计期限|统计期间|如对|联系|电话|邮编|地址|网站.*下载|报告全文|组成|编制|四舍五入");
    private static final long[] SEEDS = new long[SIZE];

    static {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20241124L);
        for (int i = 0; i < SIZE; i++) {
            SEEDS[i] = random.nextLong() | 1L;
        }
    }

    private TextSignature() {
    }

    /** The signature, or an empty list when there is too little prose to compare. */
    public static List<Long> of(ReportDocument doc, int minChars) {
        StringBuilder prose = new StringBuilder();
        for (int i = 0; i < doc.lines().size(); i++) {
            String raw = doc.lines().get(i);
            if (raw.indexOf('|') >= 0 || raw.indexOf('\t') >= 0 || raw.length() < 20) {
                continue;
            }
            for (String sentence : doc.normalized(i).split("[。;]")) {
                if (!BOILERPLATE.matcher(sentence).find()) {
                    prose.append(sentence.replaceAll("\\d+", "#"));
                }
            }
        }
        if (prose.length() < minChars) {
            return List.of();
        }
        long[] min = new long[SIZE];
        Arrays.fill(min, Long.MAX_VALUE);
        for (int i = 0; i + SHINGLE <= prose.length(); i++) {
            long h = 1125899906842597L;
            for (int j = i; j < i + SHINGLE; j++) {
                h = 31 * h + prose.charAt(j);
            }
            for (int k = 0; k < SIZE; k++) {
                long x = (h ^ SEEDS[k]) * 0x9E3779B97F4A7C15L;
                x ^= x >>> 32;
                if (x < min[k]) {
                    min[k] = x;
                }
            }
        }
        List<Long> signature = new ArrayList<>(SIZE);
        for (long m : min) {
            signature.add(m);
        }
        return signature;
    }
}
