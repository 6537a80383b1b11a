package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.govwatch.schemas.QuotedFigure;

/** Figures the running text states (收到申请 34 件 …), each with its sentence, for cross-checks against the tables. */
public final class QuotedFigures {

    private record Kind(String name, Pattern pattern, String unit) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("APPLICATIONS_RECEIVED", Pattern.compile("(收到|受理)[^。；;,，0-9]{0,16}?申请[^0-9。；;，,]{0,6}?(\\d+)(件|条|个)"), null),
            new Kind("DISCLOSED", Pattern.compile("(?<!不)予以公开[^0-9。；;，,]{0,8}?(\\d+)件"), "件"),
            new Kind("PARTIALLY_DISCLOSED", Pattern.compile("部分公开[^0-9。；;，,]{0,8}?(\\d+)件"), "件"),
            new Kind("WITHHELD", Pattern.compile("不予公开[^0-9。；;，,:：]{0,8}?(\\d+)件"), "件"),
            new Kind("UNABLE_TO_PROVIDE", Pattern.compile("无法提供[^0-9。；;，,]{0,8}?(\\d+)件"), "件"),
            new Kind("CARRIED_OVER", Pattern.compile("(\\d+)件[^0-9。；;，,]{0,4}结转|结转[^0-9。；;，,]{0,10}?(\\d+)件"), "件"),
            new Kind("ACTIVE_DISCLOSURES", Pattern.compile("主动公开[^0-9。；;，,]{0,14}?(\\d+)条"), "条"),
            new Kind("RECONSIDERATIONS", Pattern.compile("行政复议[^0-9。；;，,]{0,6}?(\\d+)(件|起)"), "件"),
            new Kind("LITIGATIONS", Pattern.compile("行政诉讼[^0-9。；;，,]{0,6}?(\\d+)(件|起)"), "件"));

    private QuotedFigures() {
    }

    public static List<QuotedFigure> find(List<String> lines) {
        List<QuotedFigure> figures = new ArrayList<>();
        for (String line : lines) {
            if (line.indexOf('|') >= 0 || line.indexOf('\t') >= 0 || line.length() < 12) {
                continue;
            }
            for (String sentence : line.split("(?<=[。；;])")) {
                String n = java.text.Normalizer.normalize(sentence, java.text.Normalizer.Form.NFKC).replaceAll("\\s+", "");
                for (Kind kind : KINDS) {
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
                                .setUnit(unit).setSentence(Text.strip(sentence)).build());
                    }
                }
            }
        }
        return figures;
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("(共|计|累计|合计)[\\u4e00-\\u9fa5]{0,8}?[^\\d\\u4e00-\\u9fa5]?余(条|件|篇|个|次)");

    /** Measure words left without their number ("共发布信息余条"), as printed. */
    public static List<String> placeholders(List<String> lines) {
        List<String> found = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PLACEHOLDER.matcher(Text.normalize(line));
            while (m.find()) {
                int start = m.start();
                if (start > 0 && Character.isDigit(Text.normalize(line).charAt(start - 1))) {
                    continue;
                }
                found.add(m.group());
            }
        }
        return found;
    }
}
