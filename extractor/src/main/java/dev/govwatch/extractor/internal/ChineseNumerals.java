package dev.govwatch.extractor.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chinese numerals as the older reports write counts in prose ("两件", "十二件", "一百二十六条",
 * "三千零五条"): rewritten as digits where a measure word follows, so that the figure readers see
 * them. Ordinals ("第一条") are left alone.
 */
public final class ChineseNumerals {

    private static final String NUMERALS = "零〇一二两三四五六七八九十百千万";
    private static final String MEASURE_WORDS = "件条个起次项人篇场期";
    private static final Pattern COUNT = Pattern.compile(
            "(?<![第" + NUMERALS + "])([" + NUMERALS + "]+)(?=[" + MEASURE_WORDS + "])");
    private static final String DIGITS = "零一二三四五六七八九";

    private ChineseNumerals() {
    }

    /** The text with each count in Chinese numerals before a measure word written in digits. */
    public static String rewrite(String text) {
        if (!mayHaveNumerals(text)) {
            return text;
        }
        Matcher m = COUNT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            long value = parse(m.group(1));
            m.appendReplacement(out, value < 0 ? m.group(1) : Long.toString(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The value of a numeral such as 一百二十六, or -1 if it is not one. */
    static long parse(String numeral) {
        long total = 0;
        long section = 0;
        long number = -1;
        for (int i = 0; i < numeral.length(); i++) {
            char c = numeral.charAt(i);
            int digit = c == '两' ? 2 : c == '〇' ? 0 : DIGITS.indexOf(c);
            if (digit >= 0) {
                number = digit;
                continue;
            }
            long unit = switch (c) {
                case '十' -> 10;
                case '百' -> 100;
                case '千' -> 1000;
                case '万' -> 10_000;
                default -> -1;
            };
            if (unit < 0) {
                return -1;
            }
            if (unit == 10_000) {
                total += (section + Math.max(number, 0)) * unit;
                section = 0;
            } else {
                section += (number < 0 ? 1 : number) * unit;
            }
            number = -1;
        }
        return total + section + Math.max(number, 0);
    }

    private static boolean mayHaveNumerals(String text) {
        // COUNT matches exactly where a numeral stands right before a measure word: only that pair is
        // looked for, at the measure words (a line of prose has many numerals, few counts).
        for (int i = 1; i < text.length(); i++) {
            if (MEASURE_WORDS.indexOf(text.charAt(i)) >= 0 && NUMERALS.indexOf(text.charAt(i - 1)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
