package dev.govwatch.extractor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The one-permutation signature estimates the Jaccard similarity of two texts' 4-character
 * shingles as well as the 64-hash MinHash it replaced: both are measured against the exact
 * similarity on pairs of generated texts from unrelated to identical.
 */
class TextSignatureTest {

    private static final String CHARS = "政府信息公开工作年度报告主动依申请办理结果复议诉讼平台建设监督保障推进重点领域财政预决算项目"
            + "公共资源配置社会公益事业回应关切解读标准化规范化服务水平提升加强培训制度落实部门乡镇街道群众企业";

    @Test
    void estimatesTheJaccardSimilarityAsWellAsTheSignatureItReplaced() {
        Random random = new Random(20261130L);
        double newError = 0;
        double oldError = 0;
        double worst = 0;
        int pairs = 0;
        for (int changedPercent = 0; changedPercent <= 100; changedPercent += 5) {
            for (int n = 0; n < 4; n++) {
                List<String> sentences = new ArrayList<>();
                for (int s = 0; s < 40; s++) {
                    sentences.add(sentence(random));
                }
                List<String> other = new ArrayList<>(sentences);
                for (int s = 0; s < other.size(); s++) {
                    if (random.nextInt(100) < changedPercent) {
                        other.set(s, sentence(random));
                    }
                }
                String a = String.join("", sentences);
                String b = String.join("", other);
                double exact = jaccard(shingles(a), shingles(b));
                double estimate = agreement(TextSignature.signature(a), TextSignature.signature(b));
                double before = agreement(classic(a), classic(b));
                newError += Math.abs(estimate - exact);
                oldError += Math.abs(before - exact);
                worst = Math.max(worst, Math.abs(estimate - exact));
                pairs++;
            }
        }
        System.out.printf("text signature over %d pairs: mean |estimate - Jaccard| %.3f (one-permutation, 128 bins), "
                + "%.3f (64 hash functions, before); worst %.3f%n", pairs, newError / pairs, oldError / pairs, worst);
        assertThat(newError / pairs).isLessThanOrEqualTo(oldError / pairs + 0.01).isLessThan(0.05);
        assertThat(worst).isLessThan(0.15);
    }

    @Test
    void identicalTextsAgreeEverywhereAndTheSignatureHasItsFullSize() {
        String text = "2024年，我县持续推进主动公开、依申请公开、政府信息管理、平台建设和监督保障工作。".repeat(3);
        assertThat(TextSignature.signature(text)).hasSize(TextSignature.SIZE).isEqualTo(TextSignature.signature(text));
        // A short text leaves most bins empty: they are filled from others, never left as a shared sentinel.
        assertThat(TextSignature.signature("二〇二四年度报告正文")).doesNotContain(Long.MAX_VALUE);
    }

    /**
     * Signatures already stored (the validator's state) must stay comparable: the rolling shingle
     * hash gives what hashing every shingle afresh gave, bin for bin, on texts long enough to fill
     * every bin (so no densification is involved).
     */
    @Test
    void theRollingHashGivesWhatEachShingleHashedAfreshGave() {
        Random random = new Random(1201L);
        for (int n = 0; n < 20; n++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < 2_000 + random.nextInt(3_000)) {
                text.append(sentence(random));
            }
            long[] bins = new long[TextSignature.SIZE];
            java.util.Arrays.fill(bins, Long.MAX_VALUE);
            for (int i = 0; i + 4 <= text.length(); i++) {
                long h = 1125899906842597L;
                for (int j = i; j < i + 4; j++) {
                    h = 31 * h + text.charAt(j);
                }
                h = mix(h);
                int bin = (int) (h >>> 57);
                bins[bin] = Math.min(bins[bin], h & ((1L << 57) - 1));
            }
            assertThat(bins).doesNotContain(Long.MAX_VALUE);
            assertThat(TextSignature.signature(text)).containsExactly(java.util.Arrays.stream(bins).boxed().toArray(Long[]::new));
        }
    }

    /**
     * A whole report's signature as the version before today's made it (sentences split by a regex,
     * digits masked into a StringBuilder, each shingle hashed afresh): the same, value for value, on
     * generated report pages with running text.
     */
    @Test
    void aReportsSignatureIsWhatTheEarlierVersionMadeOfIt() {
        for (int seed = 0; seed < 4; seed++) {
            String html = new dev.govwatch.samples.Report2021Page(seed, 3_000 + seed * 4_000).html;
            ReportDocument doc = HtmlPage.read(html, "http://x.gov.cn/a.html");
            Reference reference = Reference.of(doc);
            assertThat(reference.prose().length()).as("prose of seed %d", seed).isGreaterThan(1_000);
            assertThat(TextSignature.of(doc, 0)).as("seed %d", seed).isEqualTo(TextSignature.signature(reference.prose()));
        }
    }

    /**
     * Lines made of boilerplate phrases, 网站 and 下载 on either side of a sentence's end, digits
     * against '。' and ';', and empty sentences: the prose taken line by line is what the sentence-by-
     * sentence reference takes.
     */
    @Test
    void proseIsTakenLineByLineAsSentenceBySentence() {
        String[] pieces = {"条例", "本报告", "联系", "四舍五入", "网站", "下载", "网", "站", "下", "载", "。", ";", "；", "。。",
            "12", "3", "2025年", "公开", "申请", "政府信息", "依法", "办理", "，", " ", "ａ", "行政复议"};
        Random random = new Random(1202L);
        int boilerplateSeen = 0;
        for (int doc = 0; doc < 300; doc++) {
            StringBuilder text = new StringBuilder();
            for (int line = 0; line < 12; line++) {
                StringBuilder l = new StringBuilder("全年共依法办理各类申请并按时答复");
                int length = 4 + random.nextInt(40);
                for (int p = 0; p < length; p++) {
                    l.append(pieces[random.nextInt(pieces.length)]);
                }
                text.append(l).append('\n');
            }
            ReportDocument document = ReportDocument.ofText(text.toString());
            Reference reference = Reference.of(document);
            boilerplateSeen += reference.boilerplate();
            assertThat(TextSignature.of(document, 0)).as("document %d", doc).isEqualTo(TextSignature.signature(reference.prose()));
        }
        assertThat(boilerplateSeen).as("boilerplate sentences among the cases").isGreaterThan(1_000);
    }

    /**
     * The prose as the version before the line-by-line pass took it: sentences split by a regex, each
     * tested for boilerplate, digits masked with {@code replaceAll}; and how many sentences were left out.
     */
    private record Reference(StringBuilder prose, int boilerplate) {

        static Reference of(ReportDocument doc) {
            StringBuilder prose = new StringBuilder();
            int boilerplate = 0;
            for (int i = 0; i < doc.lines().size(); i++) {
                String raw = doc.lines().get(i);
                if (raw.indexOf('|') >= 0 || raw.indexOf('\t') >= 0 || raw.length() < 20) {
                    continue;
                }
                for (String sentence : doc.normalized(i).split("[。;]")) {
                    if (!isBoilerplate(sentence)) {
                        prose.append(sentence.replaceAll("[0-9]+", "#"));
                    } else {
                        boilerplate++;
                    }
                }
            }
            return new Reference(prose, boilerplate);
        }
    }

    /** The boilerplate rule sentence by sentence, as the signature applied it before its one pass over each line. */
    private static boolean isBoilerplate(String sentence) {
        for (String phrase : TextSignature.BOILERPLATE) {
            if (sentence.contains(phrase)) {
                return true;
            }
        }
        int site = sentence.indexOf("网站");
        return site >= 0 && sentence.indexOf("下载", site + 2) >= 0;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The boilerplate test says what the regex it replaced said. */
    @Test
    void boilerplateIsFoundAsTheRegexFoundIt() {
        java.util.regex.Pattern regex = java.util.regex.Pattern.compile(
                "条例|本报告|统计期限|统计期间|如对|联系|电话|邮编|地址|网站.*下载|报告全文|组成|编制|四舍五入");
        for (String sentence : List.of("本报告由概述等部分组成", "可在本机关网站下载", "下载请到网站", "联系电话：1234",
                "全年主动公开信息200条", "网站", "依据条例第十二条", "数据四舍五入", "")) {
            assertThat(isBoilerplate(sentence)).as(sentence).isEqualTo(regex.matcher(sentence).find());
        }
    }

    private static String sentence(Random random) {
        StringBuilder s = new StringBuilder();
        int length = 12 + random.nextInt(20);
        for (int i = 0; i < length; i++) {
            s.append(CHARS.charAt(random.nextInt(CHARS.length())));
        }
        return s.append('。').toString();
    }

    private static Set<String> shingles(String text) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 4 <= text.length(); i++) {
            out.add(text.substring(i, i + 4));
        }
        return out;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        Set<String> either = new HashSet<>(a);
        either.addAll(b);
        return (double) both.size() / either.size();
    }

    private static double agreement(List<Long> a, List<Long> b) {
        int equal = 0;
        for (int i = 0; i < a.size(); i++) {
            equal += a.get(i).equals(b.get(i)) ? 1 : 0;
        }
        return (double) equal / a.size();
    }

    /** The signature before: 64 hash functions, each applied to every shingle. */
    private static List<Long> classic(String text) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20241124L);
        long[] seeds = new long[64];
        for (int i = 0; i < 64; i++) {
            seeds[i] = random.nextLong() | 1L;
        }
        long[] min = new long[64];
        java.util.Arrays.fill(min, Long.MAX_VALUE);
        for (int i = 0; i + 4 <= text.length(); i++) {
            long h = 1125899906842597L;
            for (int j = i; j < i + 4; j++) {
                h = 31 * h + text.charAt(j);
            }
            for (int k = 0; k < 64; k++) {
                long x = (h ^ seeds[k]) * 0x9E3779B97F4A7C15L;
                x ^= x >>> 32;
                min[k] = Math.min(min[k], x);
            }
        }
        List<Long> out = new ArrayList<>();
        for (long m : min) {
            out.add(m);
        }
        return out;
    }
}
