package dev.govwatch.extractor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The one-pass line test says what the three scans it replaced said (kept here as the reference). */
class QuotedFiguresLineTest {

    @Test
    void aLineMayQuoteAFigureExactlyWhenADigitANegationOrACountIsInIt() {
        List<String> lines = new ArrayList<>(List.of("", "全年收到申请", "共12件", "未收到申请", "两件", "十二条", "〇次", "件两",
                "没有", "無", "百项", "一般", "٣件", "１２件", "起诉", "三起", "万个"));
        String alphabet = "收到申请共件条个起次项未没無无零〇一二两三四五六七八九十百千万0９٣ ，。公开政府信息依法";
        Random random = new Random(1203L);
        for (int n = 0; n < 50_000; n++) {
            lines.add(RandomText.of(random, alphabet, 0, 16));
        }
        int yes = 0;
        for (String line : lines) {
            boolean expected = hasDigit(line) || hasNegation(line) || hasNumeralCount(line);
            assertThat(QuotedFigures.mayQuote(line)).as(line).isEqualTo(expected);
            yes += expected ? 1 : 0;
        }
        assertThat(yes).isBetween(lines.size() / 10, lines.size() * 9 / 10);
    }

    private static boolean hasNegation(String s) {
        return s.indexOf('未') >= 0 || s.indexOf('没') >= 0 || s.indexOf('無') >= 0 || s.indexOf('无') >= 0;
    }

    private static boolean hasNumeralCount(String s) {
        for (int i = 1; i < s.length(); i++) {
            if ("件条个起次项".indexOf(s.charAt(i)) >= 0 && "零〇一二两三四五六七八九十百千万".indexOf(s.charAt(i - 1)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9' || c >= '\u0660' && (c < '\u3000' || c >= '\ua620') && Character.isDigit(c)) {
                return true;
            }
        }
        return false;
    }
}
