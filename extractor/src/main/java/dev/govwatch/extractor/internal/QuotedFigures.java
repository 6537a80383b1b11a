package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.govwatch.schemas.QuotedFigure;

/** Figures the running text states (收到申请 34 件 …), each with its sentence, for cross-checks against the tables. */
public final class QuotedFigures {

    /** @param cue a literal the sentence must contain before the pattern is tried */
    private record Kind(String name, String cue, Pattern pattern, String unit) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("APPLICATIONS_RECEIVED", "申请", Pattern.compile("(收到|受理)[^。；;,，0-9]{0,16}?申请[^0-9。；;，,]{0,6}?(\\d+)(件|条|个)"), null),
            // "予以公开及部分公开30件" is one figure for the two cells together, never either alone.
            new Kind("DISCLOSED_OR_PARTIAL", "部分公开", Pattern.compile("(?<!不)予以公开(?:及|和|与|、|或)部分公开[^0-9。；;，,]{0,8}?(\\d+)件"), "件"),
            new Kind("DISCLOSED", "予以公开", Pattern.compile("(?<!不)予以公开(?!(?:及|和|与|、|或)部分公开)[^0-9。；;，,]{0,8}?(\\d+)件"), "件"),
            new Kind("PARTIALLY_DISCLOSED", "部分公开", Pattern.compile("(?<!予以公开(?:及|和|与|、|或))部分公开[^0-9。；;，,]{0,8}?(\\d+)件"), "件"),
            new Kind("WITHHELD", "不予公开", Pattern.compile("不予公开[^0-9。；;，,:：]{0,8}?(\\d+)件"), "件"),
            new Kind("UNABLE_TO_PROVIDE", "无法提供", Pattern.compile("无法提供[^0-9。；;，,]{0,8}?(\\d+)件"), "件"),
            new Kind("CARRIED_OVER", "结转", Pattern.compile("(\\d+)件[^0-9。；;，,]{0,4}结转(?!.{0,2}申请)|(?<!上年|上年度|上一年|上一年度)结转(?!申请)[^0-9。；;，,]{0,10}?(\\d+)件"), "件"),
            new Kind("ACTIVE_DISCLOSURES", "主动公开", Pattern.compile("主动公开[^0-9。；;，,]{0,14}?(\\d+)条"), "条"),
            new Kind("RECONSIDERATIONS", "行政复议", Pattern.compile("行政复议[^0-9。；;，,]{0,6}?(\\d+)(件|起)"), "件"),
            new Kind("LITIGATIONS", "行政诉讼", Pattern.compile("行政诉讼[^0-9。；;，,]{0,6}?(\\d+)(件|起)"), "件"));

    /** A share right after a figure: "，占60%" (normalized text, so without spaces). */
    private static final Pattern SHARE = Pattern.compile("[,，]?(?:占|约占)(?:总数|比例)?(?:的)?(\\d+(?:\\.\\d+)?)%");
    /** The total a share is of, stated earlier in the sentence: 办结…50件, 收到申请…50件. */
    private static final Pattern BASE = Pattern.compile("(办结|办理|答复|收到|受理)[^0-9。；;]{0,16}?(\\d+)件");

    private QuotedFigures() {
    }

    /**
     * Counts stated as zero in words, as older reports do ("本年度我镇未收到政府信息公开申请",
     * "未发生因政府信息公开引起的行政复议、行政诉讼", "未收取任何费用").
     */
    private static final List<Kind> ZEROS = List.of(
            new Kind("APPLICATIONS_RECEIVED", "申请", Pattern.compile("(未|没有|无)(收到|受理|接到|接收)[^。；;，,答回复]{0,16}?申请(?!人)"), "件"),
            new Kind("RECONSIDERATIONS", "行政复议", Pattern.compile("(未|没有|无)(发生|出现|收到|被提起|被申请)?[^。；;，,0-9]{0,24}?行政复议"), "件"),
            new Kind("LITIGATIONS", "行政诉讼", Pattern.compile("(未|没有|无)(发生|出现|收到|被提起|被申请)?[^。；;，,0-9]{0,30}?行政诉讼"), "件"),
            new Kind("FEES", "收取", Pattern.compile("(未|没有|无)收取(任何)?(费用|信息处理费|检索|复制)"), "万元"));

    /** Figures in the document's prose; each keeps its sentence (normalized, so without spaces). */
    public static List<QuotedFigure> find(ReportDocument doc) {
        List<QuotedFigure> figures = new ArrayList<>();
        for (int i = 0; i < doc.lines().size(); i++) {
            String raw = doc.lines().get(i);
            if (raw.indexOf('|') >= 0 || raw.indexOf('\t') >= 0 || raw.length() < 8 || !hasCue(raw)
                    || !mayQuote(raw)) {
                continue;
            }
            String line = doc.normalized(i);
            for (String sentence : line.split("(?<=[。;])")) {
                zeros(sentence, figures);
                String n = ChineseNumerals.rewrite(sentence);
                if (!hasDigit(n)) {
                    continue;
                }
                for (Kind kind : KINDS) {
                    if (!n.contains(kind.cue())) {
                        continue;
                    }
                    Matcher m = kind.pattern().matcher(n);
                    if (m.find()) {
                        String number = null;
                        for (int g = 1; g <= m.groupCount() && number == null; g++) {
                            if (m.group(g) != null && m.group(g).matches("\\d+")) {
                                number = m.group(g);
                            }
                        }
                        String unit = kind.unit() != null ? kind.unit() : m.group(m.groupCount());
                        figures.add(QuotedFigure.newBuilder().setKind(kind.name()).setValue(Double.parseDouble(number))
                                .setUnit(unit).setSentence(sentence).build());
                        Matcher share = SHARE.matcher(n).region(m.end(), n.length());
                        Matcher base = BASE.matcher(n.substring(0, m.start()));
                        if (share.lookingAt() && base.find()) {
                            figures.add(QuotedFigure.newBuilder().setKind("SHARE").setValue(Double.parseDouble(share.group(1)))
                                    .setUnit("%").setSentence(sentence).setPart(Double.parseDouble(number))
                                    .setBase(Double.parseDouble(base.group(2))).setOfKind(kind.name()).build());
                        }
                    }
                }
            }
        }
        return figures;
    }

    /** A negated outcome, not a negated count: "无一例行政复议被纠错" says nothing of how many there were. */
    private static final Pattern OUTCOME = Pattern.compile("纠错|纠正|败诉|撤销|确认违法|被驳回");

    private static String clause(String sentence, int from) {
        int end = from;
        while (end < sentence.length() && "，,；;。".indexOf(sentence.charAt(end)) < 0) {
            end++;
        }
        return sentence.substring(from, end);
    }

    private static void zeros(String sentence, List<QuotedFigure> figures) {
        if (sentence.indexOf('未') < 0 && sentence.indexOf('没') < 0 && sentence.indexOf('无') < 0) {
            return;
        }
        for (Kind kind : ZEROS) {
            Matcher m = sentence.contains(kind.cue()) ? kind.pattern().matcher(sentence) : null;
            if (m != null && m.find() && !OUTCOME.matcher(clause(sentence, m.start())).find()) {
                figures.add(QuotedFigure.newBuilder().setKind(kind.name()).setValue(0).setUnit(kind.unit())
                        .setSentence(sentence).build());
            }
        }
    }

    /** Whether any kind's cue could be in the line (cues are checked again after normalizing). */
    private static boolean hasCue(String raw) {
        return raw.indexOf('申') >= 0 || raw.indexOf('公') >= 0 || raw.indexOf('结') >= 0 || raw.indexOf('結') >= 0
                || raw.indexOf('诉') >= 0 || raw.indexOf('訴') >= 0 || raw.indexOf('复') >= 0 || raw.indexOf('復') >= 0
                || raw.indexOf('提') >= 0 || raw.indexOf('收') >= 0;
    }

    private static final byte NEGATION = 1;
    private static final byte MEASURE_WORD = 2;
    private static final byte NUMERAL = 4;
    /** What each ideograph can say about a figure: a negation, a measure word, a Chinese numeral. */
    private static final byte[] IDEOGRAPH_KIND = new byte['\u9fff' - '\u4e00' + 1];

    static {
        mark("未没無无", NEGATION);
        mark("件条个起次项", MEASURE_WORD);
        mark("零一二两三四五六七八九十百千万", NUMERAL);
    }

    private static void mark(String ideographs, byte kind) {
        for (int i = 0; i < ideographs.length(); i++) {
            IDEOGRAPH_KIND[ideographs.charAt(i) - '\u4e00'] |= kind;
        }
    }

    /**
     * Whether the line could quote a figure: a digit, a negation (未, 没, 无), or a Chinese numeral
     * right before a measure word (两件, 十二条, 〇次). One pass with a table lookup per ideograph: it
     * runs on every line of prose, and three scans of each (with a switch per character) were
     * a tenth of a long report's extraction.
     */
    static boolean mayQuote(String s) {
        boolean afterNumeral = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            byte kind = 0;
            if (c >= '\u4e00' && c <= '\u9fff') {
                kind = IDEOGRAPH_KIND[c - '\u4e00'];
                if ((kind & NEGATION) != 0 || (kind & MEASURE_WORD) != 0 && afterNumeral) {
                    return true;
                }
            } else if (isDigit(c)) {
                return true;
            }
            afterNumeral = (kind & NUMERAL) != 0 || c == '〇';
        }
        return false;
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        // Other digits (Arabic-Indic, …, full-width) lie above U+0660; none between U+3000 and U+A620.
        return c >= '0' && c <= '9' || c >= '\u0660' && (c < '\u3000' || c >= '\ua620') && Character.isDigit(c);
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("(共|计|累计|合计)[\\u4e00-\\u9fa5]{0,8}?[^\\d\\u4e00-\\u9fa5]?余(条|件|篇|个|次)");

    /** Measure words left without their number ("共发布信息余条"), as printed. */
    public static List<String> placeholders(ReportDocument doc) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < doc.lines().size(); i++) {
            if (doc.lines().get(i).indexOf('余') < 0) {
                continue;
            }
            String n = doc.normalized(i);
            Matcher m = PLACEHOLDER.matcher(n);
            while (m.find()) {
                int start = m.start();
                if (start > 0 && Character.isDigit(n.charAt(start - 1))) {
                    continue;
                }
                found.add(m.group());
            }
        }
        return found;
    }
}
