package dev.govwatch.extractor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Counts in Chinese numerals become digits; the quick test for a count never skips one. */
class ChineseNumeralsTest {

    @Test
    void countsBeforeAMeasureWordBecomeDigits() {
        assertThat(ChineseNumerals.rewrite("收到申请十二件，答复一百二十六条，第一条除外")).isEqualTo("收到申请12件，答复126条，第一条除外");
        assertThat(ChineseNumerals.rewrite("两件三千零五条")).isEqualTo("2件3005条");
        assertThat(ChineseNumerals.rewrite("一、总体情况")).isEqualTo("一、总体情况");
    }

    /**
     * The same text as running the pattern over every line (what it did before it first looked for a
     * numeral right before a measure word), on 50,000 lines of numerals, measure words, ordinals and
     * other characters.
     */
    @Test
    void rewritesWhatThePatternAloneRewrites() {
        Pattern count = Pattern.compile("(?<![第零〇一二两三四五六七八九十百千万])([零〇一二两三四五六七八九十百千万]+)(?=[件条个起次项人篇场期])");
        String alphabet = "零〇一二两三四五六七八九十百千万件条个起次项人篇场期第年月日，。、0123456789申请公开的 ";
        Random random = new Random(88);
        int rewritten = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder line = new StringBuilder();
            int length = random.nextInt(40);
            for (int k = 0; k < length; k++) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = line.toString();
            Matcher m = count.matcher(text);
            StringBuilder expected = new StringBuilder();
            while (m.find()) {
                long value = ChineseNumerals.parse(m.group(1));
                m.appendReplacement(expected, value < 0 ? m.group(1) : Long.toString(value));
            }
            m.appendTail(expected);
            String actual = ChineseNumerals.rewrite(text);
            assertThat(actual).as(text).isEqualTo(expected.toString());
            rewritten += actual.equals(text) ? 0 : 1;
        }
        assertThat(rewritten).as("lines with a count").isGreaterThan(10_000);
    }
}
