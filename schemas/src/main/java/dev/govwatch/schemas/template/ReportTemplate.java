package dev.govwatch.schemas.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.govwatch.schemas.FormatGeneration;

/**
 * The national templates as data, shared by the extractor (which fits what it reads against them)
 * and the validator (which checks their identities): each generation's tables, rows (official
 * label, match cue, parent), columns, and identities as linear equations over {@link CellRef}s.
 * A new layout is one edit here.
 *
 * <p>Sources: 国办公开办函〔2019〕60号 and 〔2021〕30号 for tables 二, 三 and 四; the 政府信息公开情况统计表
 * as standardised from 2014 for the pre-2019 table.
 */
public final class ReportTemplate {

    /** Table 三's applicant columns, then its total. */
    public static final List<String> APPLICANTS = List.of(
            "naturalPerson", "commercial", "research", "nonprofit", "legalService", "otherOrg");
    public static final List<String> T3_COLUMNS = List.of(
            "naturalPerson", "commercial", "research", "nonprofit", "legalService", "otherOrg", "total");
    private static final Map<String, String> T3_COLUMN_NAMES = ordered(
            "naturalPerson", "自然人", "commercial", "商业企业", "research", "科研机构", "nonprofit", "社会公益组织",
            "legalService", "法律服务机构", "otherOrg", "其他法人或组织", "total", "总计");

    public static final TemplateTable T3 = new TemplateTable("T3", "表三", T3_COLUMNS, T3_COLUMN_NAMES, List.of(
            TemplateRow.row("apps.new", "一、本年新收政府信息公开申请数量", "本年新收"),
            TemplateRow.row("apps.carriedIn", "二、上年结转政府信息公开申请数量", "上年结转"),
            TemplateRow.row("apps.granted", "（一）予以公开", "^予以公开"),
            TemplateRow.row("apps.partial", "（二）部分公开", "^部分公开"),
            TemplateRow.optional("apps.withheld", "（三）不予公开", "^不予公开$"),
            TemplateRow.child("apps.withheld.stateSecret", "（三）1.属于国家秘密", "国家秘密", "apps.withheld"),
            TemplateRow.child("apps.withheld.lawForbidden", "（三）2.其他法律行政法规禁止公开", "法律.{0,6}止公开", "apps.withheld"),
            TemplateRow.child("apps.withheld.threeSecurity", "（三）3.危及“三安全一稳定”", "三安全一稳定|危及", "apps.withheld"),
            TemplateRow.child("apps.withheld.thirdParty", "（三）4.保护第三方合法权益", "第三方", "apps.withheld"),
            TemplateRow.child("apps.withheld.internal", "（三）5.属于三类内部事务信息", "内部事务", "apps.withheld"),
            TemplateRow.child("apps.withheld.process", "（三）6.属于四类过程性信息", "过程性", "apps.withheld"),
            TemplateRow.child("apps.withheld.enforcement", "（三）7.属于行政执法案卷", "执法案卷", "apps.withheld"),
            TemplateRow.child("apps.withheld.inquiry", "（三）8.属于行政查询事项", "行政查询", "apps.withheld"),
            TemplateRow.optional("apps.unable", "（四）无法提供", "^无法提供$"),
            TemplateRow.child("apps.unable.notHeld", "（四）1.本机关不掌握相关政府信息", "不掌握", "apps.unable"),
            TemplateRow.child("apps.unable.needsCreation", "（四）2.没有现成信息需要另行制作", "另行制作|没有现成", "apps.unable"),
            TemplateRow.child("apps.unable.unclear", "（四）3.补正后申请内容仍不明确", "仍不明确|补正后", "apps.unable"),
            TemplateRow.optional("apps.notProcessed", "（五）不予处理", "^不予处理$"),
            TemplateRow.child("apps.notProcessed.petition", "（五）1.信访举报投诉类申请", "信访|举报投诉", "apps.notProcessed"),
            TemplateRow.child("apps.notProcessed.repeat", "（五）2.重复申请", "^重复申请", "apps.notProcessed"),
            TemplateRow.child("apps.notProcessed.publication", "（五）3.要求提供公开出版物", "出版物", "apps.notProcessed"),
            TemplateRow.child("apps.notProcessed.massive", "（五）4.无正当理由大量反复申请", "大量反复", "apps.notProcessed"),
            TemplateRow.child("apps.notProcessed.confirm", "（五）5.要求行政机关确认或重新出具已获取信息", "确认或重新|重新出具", "apps.notProcessed"),
            // 2019: one 其他处理 row; 2021: three rows under it. A 2021 report printing the single row
            // is a known minor deviation, so the group row stands for its rows (see stands()).
            TemplateRow.optional("apps.other", "（六）其他处理", "^其他处理$"),
            TemplateRow.child("apps.other.noCorrection", "（六）1.申请人无正当理由逾期不补正", "逾期不补", "apps.other"),
            TemplateRow.child("apps.other.noFee", "（六）2.申请人逾期未按收费通知要求缴纳费用", "缴纳费用|收费通知", "apps.other"),
            TemplateRow.child("apps.other.other", "（六）3.其他", "^其他$", "apps.other").after("apps.other."),
            TemplateRow.row("apps.results", "（七）总计", "^总计$").after("apps."),
            TemplateRow.row("apps.carriedOut", "四、结转下年度继续办理", "结转下年度")));

    /** Table 四's three groups, five columns each; read as three rows. */
    public static final List<String> T4_COLUMNS = List.of("upheld", "corrected", "other", "pending", "total");
    public static final TemplateTable T4 = new TemplateTable("T4", "表四", T4_COLUMNS,
            ordered("upheld", "结果维持", "corrected", "结果纠正", "other", "其他结果", "pending", "尚未审结", "total", "总计"),
            List.of(TemplateRow.row("review.reconsideration", "行政复议", "行政复议"),
                    TemplateRow.row("review.litigationDirect", "行政诉讼（未经复议直接起诉）", "未经复议"),
                    TemplateRow.row("review.litigationAfterReview", "行政诉讼（复议后起诉）", "复议后起诉")));

    /** Table 二's rows; their columns depend on the generation ({@link #t2Columns}). */
    public static final List<TemplateRow> T2_ROWS = List.of(
            TemplateRow.optional("active.regulations", "规章", "^规章$"),
            TemplateRow.optional("active.normativeDocuments", "规范性文件 / 行政规范性文件", "规范性文件$"),
            TemplateRow.optional("active.licensing", "行政许可", "^行政许可$"),
            TemplateRow.optional("active.otherServices", "其他对外管理服务事项", "其他对外管理服务"),
            TemplateRow.optional("active.penalties", "行政处罚", "^行政处罚$"),
            TemplateRow.optional("active.coercion", "行政强制", "^行政强制$"),
            TemplateRow.optional("active.fees", "行政事业性收费", "行政事业性收费"),
            TemplateRow.optional("active.procurement", "政府集中采购", "政府集中采购"));

    /** Table 二's column headers, both generations. */
    public static final Map<String, String> T2_COLUMN_NAMES = ordered(
            "issued", "本年制发件数", "repealed", "本年废止件数", "inForce", "现行有效件数",
            "newlyMade", "本年新制作数量", "newlyPublished", "本年新公开数量", "totalPublished", "对外公开总数量",
            "previousCount", "上一年项目数量", "change", "本年增/减", "decisions", "处理决定数量",
            "amount", "金额", "count", "采购项目数量");

    /** The pre-2019 政府信息公开情况统计表: one figure per row, none required (tables varied before 2014). */
    public static final TemplateTable OLD = new TemplateTable("OLD", "统计表", List.of("total"), ordered("total", "数量"), List.of(
            TemplateRow.optional("active.published", "主动公开政府信息数", "^主动公开政府信息数"),
            TemplateRow.optional("active.normativeDocuments", "主动公开规范性文件数", "主动公开规范性文件数"),
            TemplateRow.optional("apps.new", "收到申请数", "^收到申请数"),
            oldChild("apps.channel.inPerson", "当面申请数", "^当面申请数", "apps.new"),
            oldChild("apps.channel.fax", "传真申请数", "^传真申请数", "apps.new"),
            oldChild("apps.channel.online", "网络申请数", "^网络申请数", "apps.new"),
            oldChild("apps.channel.letter", "信函申请数", "^信函申请数", "apps.new"),
            TemplateRow.optional("apps.concluded", "申请办结数", "^申请办结数"),
            oldChild("apps.concluded.onTime", "按时办结数", "^按时办结数", "apps.concluded"),
            oldChild("apps.concluded.extended", "延期办结数", "^延期办结数", "apps.concluded"),
            TemplateRow.optional("apps.results", "申请答复数", "^申请答复数"),
            TemplateRow.optional("apps.alreadyPublic", "属于已主动公开范围数", "已主动公开范围"),
            TemplateRow.optional("apps.granted", "同意公开答复数", "^同意公开"),
            TemplateRow.optional("apps.partial", "同意部分公开答复数", "^同意部分公开"),
            TemplateRow.optional("apps.refused", "不同意公开答复数", "^不同意公开"),
            TemplateRow.optional("apps.notThisAgency", "不属于本行政机关公开数", "不属于本行政机关"),
            TemplateRow.optional("apps.notExist", "申请信息不存在数", "申请信息不存在"),
            TemplateRow.optional("apps.askedToAmend", "告知作出更改补充数", "更改补充"),
            TemplateRow.optional("apps.otherChannel", "告知通过其他途径办理数", "其他途径"),
            TemplateRow.optional("review.reconsideration", "行政复议数量", "^行政复议数"),
            oldChild("review.reconsideration.upheld", "维持具体行政行为数", "^维持", "review.reconsideration").after("review.reconsideration"),
            oldChild("review.reconsideration.corrected", "被依法纠错数", "纠错", "review.reconsideration").after("review.reconsideration"),
            oldChild("review.reconsideration.other", "其他情形数", "^其他情形", "review.reconsideration").after("review.reconsideration"),
            TemplateRow.optional("review.litigation", "行政诉讼数量", "^行政诉讼数"),
            oldChild("review.litigation.upheld", "维持具体行政行为或者驳回原告诉讼请求数", "^维持", "review.litigation").after("review.litigation"),
            oldChild("review.litigation.corrected", "被依法纠错数", "纠错", "review.litigation").after("review.litigation"),
            oldChild("review.litigation.other", "其他情形数", "^其他情形", "review.litigation").after("review.litigation"),
            TemplateRow.optional("complaints", "举报投诉数量", "举报投诉数"),
            TemplateRow.optional("fees", "依申请公开信息收取的费用", "收取的费用"),
            TemplateRow.optional("staff", "从事政府信息公开工作人员数", "从事政府信息公开工作人员数"),
            oldChild("staff.fullTime", "专职人员数", "^专职人员数", "staff"),
            oldChild("staff.partTime", "兼职人员数", "^兼职人员数", "staff"),
            TemplateRow.optional("funding", "政府信息公开专项经费", "专项经费")));

    private static final List<Identity> IDENTITIES = buildIdentities();

    private ReportTemplate() {
    }

    /** Table 二's columns for a row in a generation. */
    public static List<String> t2Columns(String rowKey, FormatGeneration generation) {
        boolean gen2021 = generation == FormatGeneration.GEN_2021;
        return switch (rowKey) {
            case "active.regulations", "active.normativeDocuments" -> gen2021
                    ? List.of("issued", "repealed", "inForce")
                    : List.of("newlyMade", "newlyPublished", "totalPublished");
            case "active.licensing", "active.otherServices", "active.penalties", "active.coercion" -> gen2021
                    ? List.of("decisions")
                    : List.of("previousCount", "change", "decisions");
            case "active.fees" -> gen2021 ? List.of("amount") : List.of("previousCount", "change");
            case "active.procurement" -> List.of("count", "amount");
            default -> throw new IllegalArgumentException(rowKey);
        };
    }

    /** The table with this id, if the template has one. */
    public static Optional<TemplateTable> table(String id) {
        return switch (id) {
            case "T3" -> Optional.of(T3);
            case "T4" -> Optional.of(T4);
            case "OLD" -> Optional.of(OLD);
            default -> Optional.empty();
        };
    }

    /** Every identity of every table, one instance per scope (each row, each column, once). */
    public static List<Identity> identities() {
        return IDENTITIES;
    }

    /** Identities that involve cells of {@code table}. */
    public static List<Identity> identitiesOf(String table) {
        return IDENTITIES.stream().filter(i -> i.table().equals(table)).toList();
    }

    /**
     * Whether a printed group row stands for its rows when they are not printed. Only for （六）其他处理,
     * whose 2019 form is one row and whose 2021 form splits it in three.
     */
    public static boolean stands(TemplateTable table, String groupKey) {
        return table == T3 && groupKey.equals("apps.other");
    }

    /** How a cell of a report reads, for identity checks. */
    public enum Reading { NUMBER, BLANK, NOT_PRINTED, UNKNOWN }

    /**
     * The value of a term of {@code identity}: the printed number (blank counts 0), or for a group row
     * that is not printed, where the identity {@link Identity#derives derives}, the sum of its rows;
     * null where it cannot be known (missing, uncertain, not applicable, text).
     *
     * @param reading how a cell reads in the report
     * @param value   a NUMBER cell's value
     */
    public static Double value(Identity identity, CellRef ref, Function<CellRef, Reading> reading,
                               Function<CellRef, Double> value) {
        Reading r = reading.apply(ref);
        switch (r) {
            case NUMBER:
                return value.apply(ref);
            case BLANK:
                return 0d;
            case UNKNOWN:
                return null;
            default:
                break;
        }
        if (!identity.derives()) {
            return null;
        }
        TemplateTable table = table(ref.table()).orElse(null);
        if (table == null || table.children(ref.row()).isEmpty()) {
            return null;
        }
        double sum = 0;
        for (TemplateRow child : table.children(ref.row())) {
            Double v = value(identity, new CellRef(ref.table(), child.key(), ref.column()), reading, value);
            if (v == null) {
                return null;
            }
            sum += v;
        }
        return sum;
    }

    private static List<Identity> buildIdentities() {
        List<Identity> all = new ArrayList<>();
        for (String c : T3_COLUMNS) {
            all.add(new Identity("T3_BALANCE", c, "表三 " + T3_COLUMN_NAMES.get(c) + "列",
                    List.of(term(T3, "apps.new", c, "本年新收"), term(T3, "apps.carriedIn", c, "上年结转")), null,
                    List.of(term(T3, "apps.results", c, "办理结果"), term(T3, "apps.carriedOut", c, "结转下年度")), null, false));
        }
        for (TemplateRow row : T3.rows()) {
            List<Identity.Term> parts = new ArrayList<>();
            for (String c : APPLICANTS) {
                parts.add(term(T3, row.key(), c, T3_COLUMN_NAMES.get(c)));
            }
            all.add(new Identity("T3_ROW_SUM", row.key(), "表三“" + row.label() + "”行", parts, "各类申请人合计",
                    List.of(term(T3, row.key(), "total", "总计")), null, false));
        }
        String[] results = {"apps.granted", "apps.partial", "apps.withheld", "apps.unable", "apps.notProcessed", "apps.other"};
        for (String c : T3_COLUMNS) {
            List<Identity.Term> parts = new ArrayList<>();
            for (String r : results) {
                parts.add(term(T3, r, c, T3.row(r).orElseThrow().label()));
            }
            all.add(new Identity("T3_RESULTS_TOTAL", c.equals("total") ? "total" : "total/" + c,
                    "表三 " + T3_COLUMN_NAMES.get(c) + "列", parts, "各项办理结果之和",
                    List.of(term(T3, "apps.results", c, "（七）总计")), null, true));
        }
        for (String group : List.of("apps.withheld", "apps.unable", "apps.notProcessed", "apps.other")) {
            for (String c : T3_COLUMNS) {
                List<Identity.Term> parts = new ArrayList<>();
                for (TemplateRow child : T3.children(group)) {
                    parts.add(term(T3, child.key(), c, child.label()));
                }
                String label = T3.row(group).orElseThrow().label();
                all.add(new Identity("T3_RESULTS_TOTAL", c.equals("total") ? group : group + "/" + c,
                        "表三“" + label + "”" + T3_COLUMN_NAMES.get(c) + "列", parts, "其各项之和",
                        List.of(term(T3, group, c, "小计")), null, false));
            }
        }
        String[] t4Names = {"行政复议", "未经复议直接起诉的行政诉讼", "复议后起诉的行政诉讼"};
        for (int g = 0; g < T4.rows().size(); g++) {
            String group = T4.rows().get(g).key();
            all.add(new Identity("T4_TOTALS", group, "表四 " + t4Names[g],
                    List.of(term(T4, group, "upheld", "结果维持"), term(T4, group, "corrected", "结果纠正"),
                            term(T4, group, "other", "其他结果"), term(T4, group, "pending", "尚未审结")),
                    "维持、纠正、其他、尚未审结之和", List.of(term(T4, group, "total", "总计")), null, false));
        }
        for (String total : List.of("apps.new", "apps.concluded", "review.reconsideration", "review.litigation", "staff")) {
            List<Identity.Term> parts = new ArrayList<>();
            for (TemplateRow child : OLD.children(total)) {
                parts.add(term(OLD, child.key(), "total", child.label()));
            }
            String label = OLD.row(total).orElseThrow().label();
            all.add(new Identity("OLD_SUMS", total, "统计表“" + label + "”", parts, "其分项之和",
                    List.of(term(OLD, total, "total", label)), null, false));
        }
        return List.copyOf(all);
    }

    private static Identity.Term term(TemplateTable table, String row, String column, String name) {
        return new Identity.Term(new CellRef(table.id(), row, column), name);
    }

    private static TemplateRow oldChild(String key, String label, String cue, String parent) {
        return new TemplateRow(key, label, cue, parent, null, false);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
