package dev.govwatch.extractor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** A label turned away by its characters is one the cue's regex would not have found either. */
class RowSpecTest {

    @Test
    void theCharacterTestNeverTurnsAwayALabelTheCueMatches() {
        List<RowSpec> specs = new ArrayList<>(Layouts.T2_ROWS);
        specs.addAll(Layouts.T3_ROWS);
        specs.addAll(Layouts.OLD_ROWS);
        StringBuilder alphabet = new StringBuilder("（）()、.0123456789其他总计合计小计 ");
        for (RowSpec spec : specs) {
            alphabet.append(spec.label()).append(spec.pattern().pattern().replaceAll("[\\\\^$|.{}0-9,]", ""));
        }
        Random random = new Random(1201L);
        List<String> labels = new ArrayList<>();
        for (RowSpec spec : specs) {
            labels.add(spec.label());
            labels.add(Text.normalize(spec.label()));
            labels.add(spec.label().substring(spec.label().length() / 2));
            // '$' also matches before a line terminator that ends the text: the plain-text cues must too.
            for (String end : new String[] {"\n", "\r\n", "\r", "\u0085", "\u2028", "\n\n", "x\n"}) {
                labels.add(Text.normalize(spec.label()) + end);
                labels.add(spec.pattern().pattern().replaceAll("[\\^$]", "") + end);
            }
        }
        for (int n = 0; n < 3_000; n++) {
            // An official label with a character dropped and one put in: near misses and near hits.
            StringBuilder s = new StringBuilder(Text.normalize(specs.get(random.nextInt(specs.size())).label()));
            s.deleteCharAt(random.nextInt(s.length()));
            s.insert(random.nextInt(s.length() + 1), alphabet.charAt(random.nextInt(alphabet.length())));
            labels.add(s.toString());
        }
        for (int n = 0; n < 3_000; n++) {
            labels.add(RandomText.of(random, alphabet, 1, 13));
        }
        int filtered = 0;
        int matched = 0;
        for (RowSpec spec : specs) {
            for (String label : labels) {
                boolean byRegex = spec.pattern().matcher(label).find();
                assertThat(spec.matches(label, null) || spec.afterKeyPrefix() != null).as("%s on %s", spec.key(), label)
                        .isEqualTo(byRegex || spec.afterKeyPrefix() != null);
                if (spec.afterKeyPrefix() != null) {
                    assertThat(spec.matches(label, spec.afterKeyPrefix() + "x")).as("%s after on %s", spec.key(), label).isEqualTo(byRegex);
                }
                matched += byRegex ? 1 : 0;
                filtered += spec.cueStarts() != null ? 1 : 0;
            }
        }
        assertThat(matched).as("labels some cue matched").isGreaterThan(1_000);
        assertThat(filtered).as("label tests a character test could turn away").isGreaterThan(labels.size() * specs.size() / 2);
        assertThat(specs.stream().filter(spec -> spec.literals() != null).count()).as("cues matched as plain text")
                .isGreaterThan(specs.size() / 2);
    }

    @Test
    void onlyPlainTextCuesAreMatchedWithoutTheRegex() {
        assertThat(RowSpec.literals("^总计$")).containsExactly(new RowSpec.Literal("总计", true, true));
        assertThat(RowSpec.literals("信访|举报投诉")).containsExactly(new RowSpec.Literal("信访", false, false),
                new RowSpec.Literal("举报投诉", false, false));
        assertThat(RowSpec.literals("规范性文件$")).containsExactly(new RowSpec.Literal("规范性文件", false, true));
        assertThat(RowSpec.literals("处理.*申请")).isNull();
        assertThat(RowSpec.literals("其他|")).isNull();
        assertThat(RowSpec.literals("^$")).isNull();
        assertThat(RowSpec.literals("\\d+件")).isNull();
        assertThat(RowSpec.literals("(行政)?许可")).isNull();
    }

    @Test
    void cuesOfOtherShapesAreLeftToTheRegex() {
        assertThat(RowSpec.cueStarts("信访|举报投诉")).containsExactly('信', '举');
        assertThat(RowSpec.cueStarts("^其他$")).containsExactly('其');
        assertThat(RowSpec.cueStarts("法律.{0,6}止公开")).containsExactly('法');
        assertThat(RowSpec.cueStarts("(行政)?许可")).isNull();
        assertThat(RowSpec.cueStarts("[一二]级")).isNull();
        assertThat(RowSpec.cueStarts("许?可")).isNull();
        assertThat(RowSpec.cueStarts(".*总计")).isNull();
        assertThat(RowSpec.cueStarts("\\d+件")).isNull();
        assertThat(RowSpec.cueStarts("其他|")).isNull();
    }
}
