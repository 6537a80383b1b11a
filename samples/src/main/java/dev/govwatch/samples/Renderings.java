package dev.govwatch.samples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same report, with the figures of a {@link Report2021Page}, in each shape real portals and
 * archives give it: real tables, Word-pasted HTML, pipes, tabs, one cell per line, figures run
 * together, the whole report on one line, group labels merged into a row's label, labels split
 * over two cells or lines, zeros left blank and dropped (so columns shift), and the text flow a PDF
 * gives (labels wrapped around their figures, a group label printed down the side, page footers,
 * the header repeated where the table continues on the next page). The fidelity corpus reads every rendering back and compares each cell
 * of tables 三 and 四 with the figures.
 */
public final class Renderings {

    /** A shape of the report. */
    public enum Shape {
        HTML_TABLE, WORD_HTML, PIPES, TABS, CELL_PER_LINE, RUN_TOGETHER, ONE_LINE, MERGED_LABELS, SPLIT_LABELS,
        SPLIT_LINES, DROPPED_ZEROS, PDF_FLOW,
        /**
         * A plain HTML table whose table 三 header prints its columns in another order (总计 first,
         * 自然人 last), the figures under their headers: read by position, every figure would land in
         * the wrong column while every row still sums.
         */
        REORDERED_COLUMNS,
        /** A text PDF printed from Word ({@link PrintedReport}): needs a Chinese TrueType font, see {@link PrintedReport#canPrint()}. */
        PDF_TABLE
    }

    /** One rendering: its bytes and how a portal would serve them. */
    public record Rendered(Shape shape, byte[] body, String contentType) {
    }

    record Row(List<String> labels, long[] values) {
    }

    private static final String[] GROUPS = {"（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"};
    private static final int[] GROUP_START = {2, 10, 13, 18};

    private Renderings() {
    }

    /** Which national template the rendered report follows. */
    public enum Template {
        /** 国办公开办函〔2021〕30号: three 其他处理 rows, table 二 in 本年制发/废止/现行有效. */
        GEN_2021,
        /** 国办公开办函〔2019〕60号: one 其他处理 row, table 二 in 本年新制作/新公开/对外公开总数量 (a 2020 report). */
        GEN_2019
    }

    public static Rendered render(Report2021Page figures, Shape shape) {
        return render(figures, shape, Template.GEN_2021);
    }

    public static Rendered render(Report2021Page figures, Shape shape, Template template) {
        boolean y2019 = template == Template.GEN_2019;
        return switch (shape) {
            case HTML_TABLE -> new Rendered(shape, (y2019 ? plainHtml(figures, true, false) : figures.html)
                    .getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8");
            case REORDERED_COLUMNS -> new Rendered(shape, plainHtml(figures, y2019, true).getBytes(StandardCharsets.UTF_8),
                    "text/html; charset=UTF-8");
            case WORD_HTML -> new Rendered(shape, wordHtml(figures, y2019).getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8");
            case PDF_TABLE -> new Rendered(shape, PrintedReport.pdf(figures, y2019, java.util.Arrays.hashCode(figures.t3.get("apps.new"))),
                    "application/pdf");
            default -> new Rendered(shape, text(figures, shape, y2019).getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8");
        };
    }

    /** Table 三 as the template prints it: row key → its seven figures. */
    public static Map<String, long[]> expectedT3(Report2021Page figures, Template template) {
        Map<String, long[]> t3 = new LinkedHashMap<>(figures.t3);
        if (template == Template.GEN_2019) {
            long[] other = new long[7];
            for (String key : List.of("apps.other.noCorrection", "apps.other.noFee", "apps.other.other")) {
                long[] row = t3.remove(key);
                for (int c = 0; c < 7; c++) {
                    other[c] += row[c];
                }
            }
            t3.put("apps.other", other);
        }
        return t3;
    }

    static List<Row> t3Rows(Report2021Page f, boolean y2019) {
        List<Row> rows = t3Rows(f);
        if (!y2019) {
            return rows;
        }
        // The 2019 layout: the three 其他处理 rows are one.
        List<Row> out = new ArrayList<>();
        long[] other = expectedT3(f, Template.GEN_2019).get("apps.other");
        for (Row r : rows) {
            String last = r.labels().get(r.labels().size() - 1);
            if (last.startsWith("1.申请人无正当理由")) {
                out.add(new Row(List.of("（六）其他处理"), other));
            } else if (!last.startsWith("2.申请人逾期") && !last.equals("3.其他")) {
                out.add(r);
            }
        }
        return out;
    }

    static List<Row> t3Rows(Report2021Page f) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(List.of("一、本年新收政府信息公开申请数量"), f.t3.get("apps.new")));
        rows.add(new Row(List.of("二、上年结转政府信息公开申请数量"), f.t3.get("apps.carriedIn")));
        for (int i = 0; i < Report2021Page.T3_KEYS.length; i++) {
            List<String> labels = new ArrayList<>();
            if (i == 0) {
                labels.add("三、本年度办理结果");
            }
            for (int g = 0; g < GROUPS.length; g++) {
                if (i == GROUP_START[g]) {
                    labels.add(GROUPS[g]);
                }
            }
            labels.add(Report2021Page.T3_LEAVES[i].replace('(', '（').replace(')', '）'));
            rows.add(new Row(labels, f.t3.get(Report2021Page.T3_KEYS[i])));
        }
        rows.add(new Row(List.of("（七）总计"), f.t3.get("apps.results")));
        rows.add(new Row(List.of("四、结转下年度继续办理"), f.t3.get("apps.carriedOut")));
        return rows;
    }

    private static String text(Report2021Page f, Shape shape, boolean y2019) {
        if (shape == Shape.PDF_FLOW) {
            return pdfFlow(f, y2019);
        }
        List<String> lines = new ArrayList<>();
        lines.add("测试县人民政府2024年政府信息公开工作年度报告");
        lines.add("发布时间：2025-01-20");
        lines.add("本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。");
        lines.add("一、总体情况");
        lines.add("2024年，我县持续推进主动公开、依申请公开、政府信息管理、平台建设和监督保障工作，全年共收到政府信息公开申请"
                + f.t3.get("apps.new")[6] + "件。");
        lines.addAll(f.proseParagraphs());
        lines.add("二、主动公开政府信息情况");
        lines.add(row(shape, List.of("第二十条第（一）项"), new long[0]));
        lines.add(row(shape, y2019 ? List.of("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量")
                : List.of("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), new long[0]));
        lines.add(row(shape, List.of("规章"), new long[] {0, 0, 0}));
        lines.add(row(shape, List.of("行政规范性文件"), new long[] {12, 3, 87}));
        lines.add(row(shape, List.of("第二十条第（五）项"), new long[0]));
        lines.add(row(shape, y2019 ? List.of("信息内容", "上一年项目数量", "本年增/减", "处理决定数量")
                : List.of("信息内容", "本年处理决定数量"), new long[0]));
        lines.add(row(shape, List.of("行政许可"), y2019 ? new long[] {20, 0, 5612} : new long[] {5612}));
        lines.add("三、收到和处理政府信息公开申请情况");
        lines.add(row(shape, List.of("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"), new long[0]));
        lines.add(row(shape, List.of("自然人", "法人或其他组织", "总计"), new long[0]));
        lines.add(row(shape, List.of("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"), new long[0]));
        for (Row r : t3Rows(f, y2019)) {
            lines.add(row(shape, r.labels(), r.values()));
        }
        lines.add("四、政府信息公开行政复议、行政诉讼情况");
        lines.add(row(shape, List.of("行政复议", "行政诉讼"), new long[0]));
        lines.add(row(shape, List.of("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"), new long[0]));
        lines.add(row(shape, List.of("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果",
                "尚未审结", "总计"), new long[0]));
        lines.add(row(shape, List.of(), f.t4));
        lines.add("五、存在的主要问题及改进情况");
        lines.add("政务公开工作仍有不足，下一步将加强培训。");
        lines.add("六、其他需要报告的事项");
        lines.add("本年度未收取信息处理费。");
        return dated(String.join(shape == Shape.ONE_LINE ? "" : "\n", lines) + "\n", y2019);
    }

    private static String row(Shape shape, List<String> labels, long[] values) {
        List<String> cells = new ArrayList<>();
        switch (shape) {
            case MERGED_LABELS -> {
                if (!labels.isEmpty()) {
                    cells.add(String.join("", labels));
                }
            }
            case SPLIT_LABELS, SPLIT_LINES -> {
                for (String label : labels) {
                    if (label.length() >= 6 && values.length > 0) {
                        int mid = label.length() / 2;
                        cells.add(label.substring(0, mid));
                        cells.add(label.substring(mid));
                    } else {
                        cells.add(label);
                    }
                }
            }
            default -> cells.addAll(labels);
        }
        List<String> numbers = new ArrayList<>();
        for (long v : values) {
            numbers.add(Long.toString(v));
        }
        if (shape == Shape.DROPPED_ZEROS) {
            // Zeros left blank, and the blank cells dropped from the tab-separated row.
            numbers.removeIf("0"::equals);
            return String.join("\t", concat(cells, numbers));
        }
        return switch (shape) {
            case TABS -> String.join("\t", concat(cells, numbers));
            case CELL_PER_LINE, SPLIT_LINES -> String.join("\n", concat(cells, numbers));
            case RUN_TOGETHER, ONE_LINE -> String.join("", cells) + String.join("", numbers);
            default -> String.join(" | ", concat(cells, numbers));
        };
    }

    /**
     * Table text as PDFBox's text flow gives it for a printed table: each row as its label and its
     * figures separated by spaces; labels longer than a cell wrapped, their figures on the line
     * between the two halves; 三、本年度办理结果 printed down the side one character per line; a
     * group label split around its first row; a page footer and the repeated header mid-table.
     */
    private static String pdfFlow(Report2021Page f, boolean y2019) {
        List<String> lines = new ArrayList<>();
        lines.add("测试县人民政府");
        lines.add("2024年政府信息公开工作年度报告");
        lines.add("本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。");
        lines.add("一、总体情况");
        lines.add("2024年，我县持续推进主动公开、依申请公开、政府信息管理、平台建设和监督保障工作，全年共收到政府信息公开申请"
                + f.t3.get("apps.new")[6] + "件。");
        lines.addAll(f.proseParagraphs());
        lines.add("二、主动公开政府信息情况");
        lines.add("第二十条第（一）项");
        lines.add(y2019 ? "信息内容 本年新制作数量 本年新公开数量 对外公开总数量" : "信息内容 本年制发件数 本年废止件数 现行有效件数");
        lines.add("规章 0 0 0");
        lines.add("行政规范性文件 12 3 87");
        lines.add("- 2 -");
        lines.add("三、收到和处理政府信息公开申请情况");
        lines.add("申请人情况");
        lines.add("（本列数据的勾稽关系为：第一项加第二项之和， 法人或其他组织");
        lines.add("自然人 科研 社会公益 法律服务 总计");
        lines.add("等于第三项加第四项之和） 商业企业 其他");
        lines.add("机构 组织 机构");
        String side = "三、本年度办理结果";
        int sideChar = 0;
        List<Row> rows = t3Rows(f, y2019);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String label = r.labels().get(r.labels().size() - 1);
            String numbers = String.join(" ", java.util.Arrays.stream(r.values()).mapToObj(Long::toString).toList());
            String group = r.labels().size() > 1 && !r.labels().get(0).startsWith("三、") ? r.labels().get(0) : null;
            if (i == 12) {
                lines.add("- 3 -");
                lines.add("自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计");
            }
            String prefix = i >= 2 && sideChar < side.length() && i % 2 == 1 ? side.charAt(sideChar++) + " " : "";
            if (group != null) {
                lines.add(label);
                lines.add(group.substring(0, 4) + " " + numbers);
                lines.add(group.substring(4));
            } else if (label.length() > 16) {
                lines.add(prefix + label.substring(0, 14));
                lines.add(numbers);
                lines.add(label.substring(14));
            } else {
                lines.add(prefix + label + " " + numbers);
            }
        }
        lines.add("四、政府信息公开行政复议、行政诉讼情况");
        lines.add("行政复议 行政诉讼");
        lines.add("未经复议直接起诉 复议后起诉");
        lines.add("结果 结 果 其他结 尚 未");
        lines.add("总计");
        lines.add("结 果 结 果 其 他 尚 未 结 果 结 果 其 他 尚未审");
        lines.add("维持 纠正 果 审结");
        lines.add("总计 总计");
        lines.add("维持 纠正 结果 审结 维持 纠正 结果 结");
        lines.add(String.join(" ", java.util.Arrays.stream(f.t4).mapToObj(Long::toString).toList()));
        lines.add("五、存在的主要问题及改进情况");
        lines.add("政务公开工作仍有不足，下一步将加强培训。");
        lines.add("六、其他需要报告的事项");
        lines.add("本年度未收取信息处理费。");
        return dated(String.join("\n", lines) + "\n", y2019);
    }

    /** A 2019-template report is one for 2020, published in January 2021. */
    private static String dated(String text, boolean y2019) {
        return y2019 ? text.replace("2024", "2020").replace("2025-01-20", "2021-01-20") : text;
    }

    /** Plain HTML tables (no Word markup) from the rows, for templates {@link Report2021Page} does not draw. */
    /** Table 三's columns as {@link Shape#REORDERED_COLUMNS} prints them: indexes into a row's figures. */
    private static final int[] REORDERED = {6, 1, 2, 3, 4, 5, 0};

    private static String plainHtml(Report2021Page f, boolean y2019, boolean reordered) {
        String year = y2019 ? "2020" : "2024";
        String t3Header = reordered
                ? "<tr><td rowspan=2>总计</td><td colspan=5>法人或其他组织</td><td rowspan=2>自然人</td></tr>"
                : "<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>";
        StringBuilder h = new StringBuilder("<html><head><meta charset=\"utf-8\"><title>测试县人民政府" + year + "年政府信息公开工作年度报告</title>"
                + "<meta name=\"PubDate\" content=\"" + (Integer.parseInt(year) + 1) + "-01-20\"></head><body><div class=\"article-content\">"
                + "<p>测试县人民政府" + year + "年政府信息公开工作年度报告</p><p>本报告所列数据的统计期限自" + year + "年1月1日起至" + year + "年12月31日止。</p>"
                + "<p>一、总体情况</p><p>" + year + "年，我县全年共收到政府信息公开申请" + f.t3.get("apps.new")[6] + "件。</p>"
                + "<p>二、主动公开政府信息情况</p><table><tr><td colspan=4>第二十条第（一）项</td></tr>"
                + (y2019 ? "<tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>"
                        : "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>")
                + "<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr><tr><td>规范性文件</td><td>12</td><td>3</td><td>87</td></tr></table>"
                + "<p>三、收到和处理政府信息公开申请情况</p><table><tr><td colspan=3 rowspan=3>（本列数据的勾稽关系为：第一项加第二项之和，"
                + "等于第三项加第四项之和）</td><td colspan=7>申请人情况</td></tr>" + t3Header
                + "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>");
        List<Row> rows = t3Rows(f, y2019);
        for (Row r : rows) {
            h.append("<tr>");
            int span = 3;
            for (int l = 0; l < r.labels().size(); l++) {
                int colspan = l == r.labels().size() - 1 ? span : 1;
                h.append("<td colspan=").append(colspan).append(">").append(r.labels().get(l)).append("</td>");
                span -= colspan;
            }
            for (int c = 0; c < r.values().length; c++) {
                h.append("<td>").append(r.values()[reordered ? REORDERED[c] : c]).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table><p>四、政府信息公开行政复议、行政诉讼情况</p><table><tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>"
                + "<tr><td colspan=5></td><td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr><tr>");
        for (int g = 0; g < 3; g++) {
            for (String c : List.of("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")) {
                h.append("<td>").append(c).append("</td>");
            }
        }
        h.append("</tr><tr>");
        for (long v : f.t4) {
            h.append("<td>").append(v).append("</td>");
        }
        return h.append("</tr></table><p>五、存在的主要问题及改进情况</p><p>政务公开工作仍有不足，下一步将加强培训。</p>"
                + "<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p></div></body></html>").toString();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * The report's tables as Word pastes them into a TRS editor: {@code mso-*} styles, a
     * {@code <span>} per character in labels, {@code <p>} inside every cell, {@code &nbsp;} beside
     * figures, and table 三 split in two by a page break, the second part repeating its header.
     */
    private static String wordHtml(Report2021Page f, boolean y2019) {
        StringBuilder h = new StringBuilder();
        h.append("<html><head><meta charset=\"utf-8\"><meta name=\"ArticleTitle\" content=\"测试县人民政府2024年政府信息公开工作年度报告\">")
                .append("<meta name=\"PubDate\" content=\"2025-01-20 10:30\"><title>测试县人民政府2024年政府信息公开工作年度报告</title></head>")
                .append("<body><div class=\"TRS_Editor\"><p class=MsoNormal style='mso-line-height-rule:exactly'>")
                .append("<span style='font-family:仿宋_GB2312;mso-ascii-font-family:\"Times New Roman\"'>本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。</span></p>")
                .append("<p class=MsoNormal><b><span style='mso-bidi-font-size:16.0pt'>一、总体情况</span></b></p>")
                .append("<p class=MsoNormal><span>2024年，我县持续推进主动公开、依申请公开、政府信息管理、平台建设和监督保障工作，全年共收到政府信息公开申请")
                .append(f.t3.get("apps.new")[6]).append("件。<o:p></o:p></span></p>");
        for (String paragraph : f.proseParagraphs()) {
            h.append("<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><span style='font-family:仿宋_GB2312'>")
                    .append(paragraph).append("<o:p></o:p></span></p>");
        }
        h.append("<p class=MsoNormal><b><span>二、主动公开政府信息情况</span></b></p>")
                .append("<table class=MsoNormalTable border=1 style='mso-table-layout-alt:fixed'><tr><td colspan=4>").append(word("第二十条第（一）项"))
                .append("</td></tr><tr><td>").append(word("信息内容")).append("</td><td>").append(word(y2019 ? "本年新制作数量" : "本年制发件数"))
                .append("</td><td>").append(word(y2019 ? "本年新公开数量" : "本年废止件数")).append("</td><td>")
                .append(word(y2019 ? "对外公开总数量" : "现行有效件数")).append("</td></tr>")
                .append("<tr><td>").append(word("规章")).append("</td>").append(cell(0)).append(cell(0)).append(cell(0)).append("</tr>")
                .append("<tr><td>").append(word("行政规范性文件")).append("</td>").append(cell(12)).append(cell(3)).append(cell(87)).append("</tr>")
                .append("</table><p class=MsoNormal><b><span>三、收到和处理政府信息公开申请情况</span></b></p>");
        List<Row> rows = t3Rows(f, y2019);
        int pageBreak = 12;
        for (int part = 0; part < 2; part++) {
            h.append("<table class=MsoNormalTable border=1><tr><td rowspan=3 colspan=3>")
                    .append(word("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"))
                    .append("</td><td colspan=7>").append(word("申请人情况")).append("</td></tr><tr><td rowspan=2>").append(word("自然人"))
                    .append("</td><td colspan=5>").append(word("法人或其他组织")).append("</td><td rowspan=2>").append(word("总计"))
                    .append("</td></tr><tr>");
            for (String c : List.of("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")) {
                h.append("<td>").append(word(c)).append("</td>");
            }
            h.append("</tr>");
            int from = part == 0 ? 0 : pageBreak;
            int to = part == 0 ? pageBreak : rows.size();
            for (int i = from; i < to; i++) {
                Row r = rows.get(i);
                h.append("<tr>");
                List<String> labels = new ArrayList<>(r.labels());
                if (part == 1 && i == from && !labels.get(0).startsWith("三、")) {
                    labels.add(0, "三、本年度办理结果");
                }
                int span = 3;
                for (int l = 0; l < labels.size(); l++) {
                    int colspan = l == labels.size() - 1 ? span : 1;
                    h.append("<td").append(colspan > 1 ? " colspan=" + colspan : "").append(">").append(word(labels.get(l))).append("</td>");
                    span -= colspan;
                }
                for (long v : r.values()) {
                    h.append(cell(v));
                }
                h.append("</tr>");
            }
            h.append("</table>");
            if (part == 0) {
                h.append("<span style='font-size:10.5pt'><br clear=all style='page-break-before:always'></span>");
            }
        }
        h.append("<p class=MsoNormal><b><span>四、政府信息公开行政复议、行政诉讼情况</span></b></p>")
                .append("<table class=MsoNormalTable border=1><tr><td colspan=5 rowspan=2>").append(word("行政复议"))
                .append("</td><td colspan=10>").append(word("行政诉讼")).append("</td></tr><tr><td colspan=5>").append(word("未经复议直接起诉"))
                .append("</td><td colspan=5>").append(word("复议后起诉")).append("</td></tr><tr>");
        for (int g = 0; g < 3; g++) {
            for (String c : List.of("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")) {
                h.append("<td>").append(word(c)).append("</td>");
            }
        }
        h.append("</tr><tr>");
        for (long v : f.t4) {
            h.append(cell(v));
        }
        h.append("</tr></table><p class=MsoNormal><b><span>五、存在的主要问题及改进情况</span></b></p><p>政务公开工作仍有不足，下一步将加强培训。</p>")
                .append("<p class=MsoNormal><b><span>六、其他需要报告的事项</span></b></p><p>本年度未收取信息处理费。</p></div></body></html>");
        return dated(h.toString(), y2019);
    }

    /** A label as Word writes it: one span per character, inside a paragraph. */
    private static String word(String label) {
        StringBuilder s = new StringBuilder("<p class=MsoNormal align=center style='text-align:center;mso-pagination:widow-orphan'>");
        for (int i = 0; i < label.length(); i++) {
            s.append("<span style='font-size:10.0pt;mso-bidi-font-family:宋体'>").append(label.charAt(i)).append("</span>");
        }
        return s.append("<span lang=EN-US><o:p></o:p></span></p>").toString();
    }

    private static String cell(long v) {
        return "<td width=43 style='width:32.45pt;mso-border-alt:solid windowtext .5pt'><p class=MsoNormal align=center>"
                + "<span lang=EN-US style='font-size:10.0pt'>" + v + "&nbsp;<o:p></o:p></span></p></td>";
    }
}
