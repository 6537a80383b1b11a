package dev.govwatch.extractor.internal.ocr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.govwatch.extractor.internal.Text;
import dev.govwatch.schemas.template.ReportTemplate;
import dev.govwatch.schemas.template.TemplateRow;
import dev.govwatch.schemas.template.TemplateTable;

/**
 * Table labels read by OCR, put right before they are matched to the template: look-alike brackets
 * made brackets, and a label cell within a character or two of exactly one official label (案春
 * for 案卷, 子以公开 for 予以公开) taken as that label. Only a ruled label cell is snapped, never
 * prose and never a figure; a label near two official labels is left as read.
 */
final class OcrLabels {

    private static final Map<String, String> BRACKETS = Map.of("〈", "（", "〉", "）", "《", "（", "》", "）",
            "「", "（", "」", "）", "(", "（", ")", "）");
    private static final double SNAP = 0.75;
    private static final double MARGIN = 0.15;
    /** Official label forms, normalized, with the form to print. */
    private static final Map<String, String> OFFICIAL = official();

    private static final java.util.regex.Pattern HEADING = java.util.regex.Pattern.compile(
            "^[^\\p{IsHan}]{0,4}(?:[一二三四五六]{1,2}[、.．，,]?\\s*)?(总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议、行政诉讼情况"
                    + "|存在的主要问题及改进情况|其他需要报告的事项)$");
    private static final Map<String, String> NUMERALS = Map.of("总体情况", "一", "主动公开政府信息情况", "二",
            "收到和处理政府信息公开申请情况", "三", "政府信息公开行政复议、行政诉讼情况", "四", "存在的主要问题及改进情况", "五",
            "其他需要报告的事项", "六");

    private OcrLabels() {
    }

    /**
     * A line that is one of the six official section titles with its numeral misread ("\ 总体情况"
     * for "一、总体情况": the engine often takes a lone 一 for a rule): the numeral put back.
     */
    static String heading(String line) {
        java.util.regex.Matcher m = HEADING.matcher(line.strip());
        return m.matches() ? NUMERALS.get(m.group(1)) + "、" + m.group(1) : line;
    }

    static String fix(String label) {
        String out = label;
        for (Map.Entry<String, String> e : BRACKETS.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        // a ruling's remains read as "一一" or "|" at a label's ends
        out = out.replaceAll("^[一|_—\\s]{2,}|[一|_—\\s]{2,}$", "").replace("|", "");
        String n = Text.normalize(out);
        if (n.length() < 3 || OFFICIAL.containsKey(n)) {
            return out;
        }
        double best = 0;
        double second = 0;
        String snapped = null;
        for (Map.Entry<String, String> e : OFFICIAL.entrySet()) {
            double s = similarity(n, e.getKey());
            if (s > best) {
                if (snapped == null || !e.getValue().equals(snapped)) {
                    second = best;
                }
                best = s;
                snapped = e.getValue();
            } else if (s > second && !e.getValue().equals(snapped)) {
                second = s;
            }
        }
        return best >= SNAP && best - second >= MARGIN ? snapped : out;
    }

    /** 1 − edit distance / the longer length. */
    static double similarity(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return 1 - prev[b.length()] / (double) Math.max(1, Math.max(a.length(), b.length()));
    }

    /** Each row's official label, and its child form without the group's number ("7.属于行政执法案卷"). */
    private static Map<String, String> official() {
        Map<String, String> out = new LinkedHashMap<>();
        List<TemplateRow> rows = new ArrayList<>(ReportTemplate.T2_ROWS);
        ReportTemplate.table("T3").map(TemplateTable::rows).ifPresent(rows::addAll);
        ReportTemplate.table("T4").map(TemplateTable::rows).ifPresent(rows::addAll);
        for (TemplateRow row : rows) {
            for (String form : row.label().split(" / ")) {
                out.putIfAbsent(Text.normalize(form), form);
                String child = form.replaceFirst("^（[一二三四五六七]）(?=\\d)", "");
                out.putIfAbsent(Text.normalize(child), child);
            }
        }
        return out;
    }
}
