package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts line breaks back into text that lost them. Archive renderings of report pages often hold a
 * whole report on one line, headings, row labels and run-together figures alike
 * ({@code …申请数量6420000066二、上年结转…}); the readers work on lines, so such a line is broken before
 * each numbered heading or row label and after the six standard section headings. Only long lines
 * are looked at: a label line is never that long, and a paragraph broken at its own enumeration
 * loses nothing.
 */
public final class InlineBreaks {

    /** Lines shorter than this are left alone. */
    private static final int MIN_LENGTH = 120;

    /** Where a new line starts: before a numbered heading or row label, or a metadata label. */
    private static final Pattern BEFORE = Pattern.compile(
            "(?<!第)[一二三四五六七八九十]、"
            + "|[（(][一二三四五六七八九十][）)](?!项)"
            + "|\\d[.．、](?=属于|其他法律|危及|保护第三方|本机关不掌握|没有现成|补正后|信访|重复申请|要求提供|无正当理由|要求行政机关|申请人|其他\\d|其他$|其他[/／—-])"
            + "|第二十条第|(?:规章|(?:行政)?规范性文件|行政许可|其他对外管理服务事项|行政处罚|行政强制|行政事业性收费|政府集中采购)(?=[\\d/／—-])"
            + "|(?:发布时间|发布日期|发文日期|成文日期|时间|来源|发布机构|索引号)[:：]");
    /** A standard section heading: the line breaks after it too. */
    private static final Pattern HEADING = Pattern.compile(
            "^[一二三四五六]、(总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况"
            + "|(政府信息公开)?行政复议、行政诉讼情况|因政府信息公开(工作)?被申请行政复议、?提起行政诉讼(的)?情况"
            + "|存在的主要问题及改进情况|其他需要报告的事项)");
    /** A table row's label with five or more digits run together after it (a count in prose has 件 after it). */
    private static final Pattern RUN_TOGETHER_ROW = Pattern.compile(
            "(本年新收|上年结转|予以公开|部分公开|国家秘密|不掌握|结转下年度|总计|规章|规范性文件|行政许可)[^。；;，,\\d]{0,30}?\\d{5,}(?![\\d件条个项次])");
    private static final Pattern STANDARD_HEADING = Pattern.compile(
            "[一二三四五六]、(总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|(政府信息公开)?行政复议、行政诉讼情况"
            + "|存在的主要问题及改进情况|其他需要报告的事项)");
    /** A title running into the text: the line breaks after it. */
    private static final Pattern TITLE = Pattern.compile("^.{0,40}?(政府信息公开|政务公开)(工作)?(年度报告|年报)");

    private InlineBreaks() {
    }

    /** The document with its long lines broken, or the document itself when none needed it. */
    public static ReportDocument apply(ReportDocument doc) {
        List<String> lines = doc.lines();
        List<String> out = null;
        List<List<String>> cells = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            // A grid row from markup has its breaks: it is never split.
            List<String> pieces = doc.cells(i) == null && line.length() >= MIN_LENGTH && flattened(line)
                    ? split(line) : List.of(line);
            if (pieces.size() > 1 && out == null) {
                out = new ArrayList<>(lines.subList(0, i));
                cells = new ArrayList<>();
                for (int k = 0; k < i; k++) {
                    cells.add(doc.cells(k));
                }
            }
            if (out != null) {
                out.addAll(pieces);
                for (int k = 0; k < pieces.size(); k++) {
                    cells.add(pieces.size() == 1 ? doc.cells(i) : null);
                }
            }
        }
        return out == null ? doc : new ReportDocument(out, cells, doc.headerText(), doc.meta(), doc.readBy());
    }

    /**
     * Whether the line is a report or table that lost its line breaks, not a long paragraph: a row
     * label with its figures run together after it, or two of the six standard section headings.
     * A paragraph that enumerates its points inline ("一、加强组织领导…；二、依申请公开…") is left whole,
     * or its points would pass for section headings.
     */
    static boolean flattened(String line) {
        if (RUN_TOGETHER_ROW.matcher(line).find()) {
            return true;
        }
        Matcher heading = STANDARD_HEADING.matcher(line);
        int headings = 0;
        while (heading.find() && headings < 2) {
            headings++;
        }
        return headings >= 2;
    }

    static List<String> split(String line) {
        List<Integer> cuts = new ArrayList<>();
        Matcher title = TITLE.matcher(line);
        if (title.find()) {
            cuts.add(title.end());
        }
        Matcher m = BEFORE.matcher(line);
        while (m.find()) {
            if (m.start() > 0) {
                cuts.add(m.start());
            }
        }
        cuts.sort(null);
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int cut : cuts) {
            if (cut > start) {
                addWithHeading(pieces, line.substring(start, cut));
                start = cut;
            }
        }
        addWithHeading(pieces, line.substring(start));
        return pieces;
    }

    private static void addWithHeading(List<String> pieces, String piece) {
        Matcher h = HEADING.matcher(piece);
        if (h.find() && h.end() < piece.length()) {
            add(pieces, piece.substring(0, h.end()));
            add(pieces, piece.substring(h.end()));
        } else {
            add(pieces, piece);
        }
    }

    private static void add(List<String> pieces, String piece) {
        String stripped = Text.strip(piece);
        if (!stripped.isEmpty()) {
            pieces.add(stripped);
        }
    }
}
