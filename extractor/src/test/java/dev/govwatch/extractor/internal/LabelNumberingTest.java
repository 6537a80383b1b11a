package dev.govwatch.extractor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The hand-written numbering and group-prefix tests find exactly what the expressions they replace found. */
class LabelNumberingTest {

    private static final Pattern NUMBERING = Pattern.compile(
            "^(\\(?[一二三四五六七八九十]{1,3}\\)|[一二三四五六七八九十]{1,3}[、.]|\\d{1,2}[、.．](?!\\d)|\\(\\d{1,2}\\))");
    private static final Pattern GROUP_PREFIX = Pattern.compile(
            "^([\\u4e00-\\u9fa5]{2,7})(?=\\(?[一二三四五六七八九十\\d]{1,2}[)、.．])");

    @Test
    void examplesOfEachShape() {
        assertThat(LabelNumbering.numberingLength("(三)1.属于国家秘密")).isEqualTo(3);
        assertThat(LabelNumbering.numberingLength("三、本年度办理结果")).isEqualTo(2);
        assertThat(LabelNumbering.numberingLength("12.其他")).isEqualTo(3);
        assertThat(LabelNumbering.numberingLength("1.5万元")).isEqualTo(-1);
        assertThat(LabelNumbering.numberingLength("(10)其他")).isEqualTo(4);
        assertThat(LabelNumbering.numberingLength("予以公开")).isEqualTo(-1);
        assertThat(LabelNumbering.groupPrefixLength("不予公开1.属于国家秘密")).isEqualTo(4);
        assertThat(LabelNumbering.groupPrefixLength("本年度办理结果(一)予以公开")).isEqualTo(7);
        assertThat(LabelNumbering.groupPrefixLength("不予公开三、")).isEqualTo(4);
        assertThat(LabelNumbering.groupPrefixLength("予以公开")).isEqualTo(-1);
    }

    @Test
    void bothFindWhatTheExpressionsFoundOnLabelsAndNearMisses() {
        List<String> labels = new ArrayList<>();
        List<RowSpec> specs = new ArrayList<>(Layouts.T2_ROWS);
        specs.addAll(Layouts.T3_ROWS);
        specs.addAll(Layouts.OLD_ROWS);
        String[] numberings = {"", "(一)", "（二）", "三、", "十二、", "四.", "1.", "2、", "3．", "12.", "(3)", "（10）", "(一二三四)",
            "一二三四、", "123.", "1.2", "(", ")", "本年度办理结果", "不予公开", "其他处理(三)", "不予处理四、"};
        for (RowSpec spec : specs) {
            for (String a : numberings) {
                for (String b : numberings) {
                    labels.add(Text.normalize(a + b + spec.label()));
                }
            }
        }
        String alphabet = "()（）、.．0123456789一二三四五六七八九十百不予公开本年度办理结果其他处理无法提供属于国家秘密 ab|";
        Random random = new Random(1201L);
        for (int n = 0; n < 20_000; n++) {
            String s = RandomText.of(random, alphabet, 0, 14);
            labels.add(s);
            labels.add(Text.normalize(s));
        }
        int numbered = 0;
        int grouped = 0;
        for (String label : labels) {
            Matcher numbering = NUMBERING.matcher(label);
            int expected = numbering.find() ? numbering.end() : -1;
            assertThat(LabelNumbering.numberingLength(label)).as("numbering of '%s'", label).isEqualTo(expected);
            numbered += expected > 0 ? 1 : 0;
            Matcher group = GROUP_PREFIX.matcher(label);
            int expectedGroup = group.find() ? group.end() : -1;
            assertThat(LabelNumbering.groupPrefixLength(label)).as("group prefix of '%s'", label).isEqualTo(expectedGroup);
            grouped += expectedGroup > 0 ? 1 : 0;
        }
        // Enough of both kinds among the cases for the comparison to mean something.
        assertThat(numbered).isGreaterThan(5_000);
        assertThat(grouped).isGreaterThan(1_000);
    }
}
