package dev.govwatch.samples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A 2021-template report as a portal's HTML (TRS-like, {@code div.article-content}), built from the national template (国办公开办函〔2021〕30号):
 * the official table layouts with rowspan and colspan, figures chosen so every identity holds, and
 * the expected value of every table 三 cell kept for assertions.
 */
public final class Report2021Page {

    public static final String[] T3_LEAVES = {
        "(一)予以公开", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
        "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
        "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
        "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
        "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"};
    public static final String[] T3_KEYS = {
        "apps.granted", "apps.partial",
        "apps.withheld.stateSecret", "apps.withheld.lawForbidden", "apps.withheld.threeSecurity",
        "apps.withheld.thirdParty", "apps.withheld.internal", "apps.withheld.process", "apps.withheld.enforcement",
        "apps.withheld.inquiry", "apps.unable.notHeld", "apps.unable.needsCreation", "apps.unable.unclear",
        "apps.notProcessed.petition", "apps.notProcessed.repeat", "apps.notProcessed.publication",
        "apps.notProcessed.massive", "apps.notProcessed.confirm",
        "apps.other.noCorrection", "apps.other.noFee", "apps.other.other"};

    /** Expected table 三: row key → 7 values (six applicant columns, total). */
    public final Map<String, long[]> t3 = new LinkedHashMap<>();
    public final long[] t4 = {2, 1, 0, 1, 4, 1, 0, 0, 1, 2, 0, 1, 0, 0, 1};
    public final String html;
    private final int proseChars;

    public Report2021Page(int seed) {
        this(seed, 0);
    }

    /**
     * @param seed         draws the figures
     * @param proseChars   extra paragraphs of body text, to reach a realistic page size
     */
    public Report2021Page(int seed, int proseChars) {
        this.proseChars = proseChars;
        java.util.Random random = new java.util.Random(seed);
        long[] results = new long[7];
        for (String key : T3_KEYS) {
            long[] row = new long[7];
            for (int c = 0; c < 6; c++) {
                row[c] = random.nextInt(4) == 0 ? random.nextInt(40) : 0;
                row[6] += row[c];
                results[c] += row[c];
            }
            results[6] += row[6];
            t3.put(key, row);
        }
        long[] carriedIn = new long[7];
        long[] carriedOut = new long[7];
        long[] fresh = new long[7];
        for (int c = 0; c < 6; c++) {
            carriedIn[c] = random.nextInt(3);
            carriedOut[c] = random.nextInt(3);
            fresh[c] = results[c] + carriedOut[c] - carriedIn[c];
            if (fresh[c] < 0) {
                carriedIn[c] += fresh[c];
                fresh[c] = 0;
            }
            carriedIn[6] += carriedIn[c];
            carriedOut[6] += carriedOut[c];
            fresh[6] += fresh[c];
        }
        t3.put("apps.new", fresh);
        t3.put("apps.carriedIn", carriedIn);
        t3.put("apps.results", results);
        t3.put("apps.carriedOut", carriedOut);
        html = render();
    }

    private String render() {
        StringBuilder h = new StringBuilder("""
                <html><head><meta charset="utf-8">
                <meta name="ArticleTitle" content="测试市测试县人民政府2024年政府信息公开工作年度报告">
                <meta name="PubDate" content="2025-01-20 10:30">
                <meta name="SiteIDCode" content="4108230001">
                <title>测试县人民政府2024年政府信息公开工作年度报告_测试县人民政府</title></head><body>
                <div class="crumb">首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
                <div class="article-content">
                <p>本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。</p>
                <p>一、总体情况</p><p>2024年，我县持续推进主动公开、依申请公开、政府信息管理、平台建设和监督保障工作，全年共收到政府信息公开申请""")
                .append(t3.get("apps.new")[6]).append("""
                件。</p>
                """).append(prose()).append("""
                <p>二、主动公开政府信息情况</p>
                <table><tbody>
                <tr><td colspan="4">第二十条第（一）项</td></tr>
                <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
                <tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
                <tr><td>行政规范性文件</td><td>12</td><td>3</td><td>87</td></tr>
                <tr><td colspan="4">第二十条第（五）项</td></tr>
                <tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
                <tr><td>行政许可</td><td colspan="3">5612</td></tr>
                <tr><td colspan="4">第二十条第（六）项</td></tr>
                <tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
                <tr><td>行政处罚</td><td colspan="3">1,203</td></tr>
                <tr><td>行政强制</td><td colspan="3">/</td></tr>
                <tr><td colspan="4">第二十条第（八）项</td></tr>
                <tr><td>信息内容</td><td colspan="3">本年收费金额（单位：万元）</td></tr>
                <tr><td>行政事业性收费</td><td colspan="3">103.3879</td></tr>
                </tbody></table>
                <p>三、收到和处理政府信息公开申请情况</p>
                <table><tbody>
                <tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
                <tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
                <tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
                """);
        row(h, "<td colspan=\"3\">一、本年新收政府信息公开申请数量</td>", t3.get("apps.new"));
        row(h, "<td colspan=\"3\">二、上年结转政府信息公开申请数量</td>", t3.get("apps.carriedIn"));
        String[] groups = {"（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"};
        int[] groupStart = {2, 10, 13, 18};
        int[] groupSize = {8, 3, 5, 3};
        for (int i = 0; i < T3_KEYS.length; i++) {
            StringBuilder cells = new StringBuilder();
            if (i == 0) {
                cells.append("<td rowspan=\"22\">三、本年度办理结果</td>");
            }
            int g = -1;
            for (int k = 0; k < groups.length; k++) {
                if (i >= groupStart[k] && i < groupStart[k] + groupSize[k]) {
                    g = k;
                }
            }
            if (g < 0) {
                cells.append("<td colspan=\"2\">").append(T3_LEAVES[i]).append("</td>");
            } else {
                if (i == groupStart[g]) {
                    cells.append("<td rowspan=\"").append(groupSize[g]).append("\">").append(groups[g]).append("</td>");
                }
                cells.append("<td>").append(T3_LEAVES[i]).append("</td>");
            }
            row(h, cells.toString(), t3.get(T3_KEYS[i]));
        }
        row(h, "<td colspan=\"2\">（七）总计</td>", t3.get("apps.results"));
        row(h, "<td colspan=\"3\">四、结转下年度继续办理</td>", t3.get("apps.carriedOut"));
        h.append("""
                </tbody></table>
                <p>四、政府信息公开行政复议、行政诉讼情况</p>
                <table><tbody>
                <tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr>
                <tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
                <tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
                <tr>""");
        for (long v : t4) {
            h.append("<td>").append(v).append("</td>");
        }
        h.append("""
                </tr></tbody></table>
                <p>五、存在的主要问题及改进情况</p><p>政务公开工作仍有不足，下一步将加强培训。</p>
                <p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>
                </div></body></html>""");
        return h.toString();
    }

    /** Plausible running text for section 一 (the long one in real reports), repeated to the requested size. */
    private String prose() {
        StringBuilder sb = new StringBuilder();
        for (String paragraph : proseParagraphs()) {
            sb.append("<p>").append(paragraph).append("</p>\n");
        }
        return sb.toString();
    }

    /**
     * The paragraphs of running text this page carries in section 一, as text: what another rendering
     * of the same report ({@code Renderings}) prints there to reach the same size. Empty without
     * {@code proseChars}.
     */
    public List<String> proseParagraphs() {
        String paragraph = "围绕优化营商环境、乡村振兴和民生保障等重点领域，持续加大信息公开力度，及时发布政策文件及解读材料，"
                + "做好政务新媒体和政府网站的协同联动，规范依申请公开办理流程，确保答复内容准确、程序合法、按时办结。";
        List<String> paragraphs = new ArrayList<>();
        // As many as fit the page's <p>…</p> lines into proseChars, so that the page's HTML is what it was.
        for (int written = 0; written < proseChars; written += paragraph.length() + "<p></p>\n".length()) {
            paragraphs.add(paragraph);
        }
        return paragraphs;
    }

    private static void row(StringBuilder h, String labelCells, long[] values) {
        h.append("<tr>").append(labelCells);
        for (long v : values) {
            h.append("<td>").append(v).append("</td>");
        }
        h.append("</tr>\n");
    }

    /**
     * This page as another agency's report for another year, published on another date: the
     * generated text names 测试市测试县人民政府, the year 2024 and 2025-01-20, and each is swapped.
     *
     * @param agency    e.g. 示范县教育局
     * @param year      the report year
     * @param published publication date, {@code yyyy-MM-dd}
     */
    public String as(String agency, int year, String published) {
        // The agency goes in last: a name with "2024" in it (第2024局) must not be re-dated with the page.
        return html.replace(Integer.toString(2024), Integer.toString(year))
                .replace("2025-01-20", published)
                .replace("测试市测试县人民政府", agency).replace("测试县人民政府", agency);
    }

    /**
     * {@code html} (this page, possibly re-dated by {@link #as}) with 表四's first 总计 (行政复议)
     * raised by {@code by}, so that it no longer adds up: one T4_TOTALS alert.
     */
    public String withReviewTotalOffBy(String html, int by) {
        StringBuilder good = new StringBuilder("<tr>");
        StringBuilder bad = new StringBuilder("<tr>");
        for (int i = 0; i < t4.length; i++) {
            good.append("<td>").append(t4[i]).append("</td>");
            bad.append("<td>").append(i == 4 ? t4[i] + by : t4[i]).append("</td>");
        }
        return html.replace(good, bad);
    }

    public List<String> t3Keys() {
        return new ArrayList<>(t3.keySet());
    }
}
