package dev.govwatch.extractor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The hand-written forms of {@link Text} against the ones they stand for. */
class TextTest {

    /** Spaces of every kind, NUL, full-width and traditional characters, ideographs, ASCII and a few rare ones. */
    private static final String ALPHABET = "ab1 \t\n\r\u000b\u001c\u00a0\u2002\u2007\u202f\u3000\u200b\ufeff\u0000\u007f"
            + "，。（）Ａ１報數政府公开“”\uffff\u2028";
    /** Characters only {@link java.text.Normalizer} folds: circled numbers, CJK compatibility ideographs. */
    private static final String RARE = "①\uf900㈠";

    @Test
    void normalizeIntoWritesWhatNormalizeReturns() {
        Random random = new Random(17);
        char[] out = new char[64];
        for (int i = 0; i < 20_000; i++) {
            String s = RandomText.of(random, ALPHABET, 0, 40);
            int length = Text.normalizeInto(s, out);
            assertThat(new String(out, 0, length)).as("%s", s.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(Text.normalize(s));
        }
    }

    @Test
    void foldTestsEachCharacterAsTheRulesInTheirFirstOrderDid() {
        // Every character around the ranges the fold tests early (full-width forms, CJK punctuation)
        // and every space, against the rules in the order first written: space, full-width, the rest.
        StringBuilder alphabet = new StringBuilder();
        for (char c = '\u2ff0'; c < '\u3200'; c++) {
            alphabet.append(c);
        }
        for (char c = '\uff00'; c < '\uff70'; c++) {
            alphabet.append(c);
        }
        alphabet.append(" \t\n\u00a0\u1680\u2000\u2028\u205f\u200b\ufeffa1政");
        Random random = new Random(20);
        for (int i = 0; i < 20_000; i++) {
            String s = RandomText.of(random, alphabet, 0, 30);
            StringBuilder kept = new StringBuilder();
            StringBuilder dropped = new StringBuilder();
            for (char c : s.toCharArray()) {
                boolean space = Character.isWhitespace(c) || c == '\u00a0' || c == '\u3000' || c == '\u200b' || c == '\ufeff';
                char folded = c >= '\uff01' && c <= '\uff5e' ? (char) (c - 0xfee0) : c;
                kept.append(space ? ' ' : folded);
                if (!space) {
                    dropped.append(folded);
                }
            }
            assertThat(Text.fold(s)).isEqualTo(kept.toString());
            assertThat(Text.normalize(s)).isEqualTo(dropped.toString());
        }
    }

    @Test
    void normalizeIntoLeavesRareCompatibilityCharactersToTheNormalizer() {
        Random random = new Random(18);
        for (int i = 0; i < 2_000; i++) {
            String s = RandomText.of(random, ALPHABET, 0, 20) + RARE.charAt(random.nextInt(RARE.length()))
                    + RandomText.of(random, ALPHABET, 0, 20);
            assertThat(Text.normalizeInto(s, new char[64])).isEqualTo(-1);
        }
    }

    @Test
    void nonSpaceLengthCountsWhatTheOneTestPerCharacterCounted() {
        Random random = new Random(19);
        for (int i = 0; i < 20_000; i++) {
            String s = RandomText.of(random, ALPHABET + RARE, 0, 40);
            long expected = s.chars().filter(c -> !Character.isWhitespace(c) && c != '\u3000' && c != '\u00a0').count();
            assertThat(Text.nonSpaceLength(s)).as(s).isEqualTo((int) expected);
        }
        assertThat(Text.nonSpaceLength("本年 新收\u3000申请\u00a0 730 件")).isEqualTo(10);
    }
}
