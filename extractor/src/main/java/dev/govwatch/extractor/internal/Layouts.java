package dev.govwatch.extractor.internal;

import java.util.List;

/** The rows and columns of the statistics tables of every format generation, as the templates fix them. */
public final class Layouts {

    /** Table 三's columns: applicant kinds, then the total. */
    public static final List<String> T3_COLUMNS = List.of(
            "naturalPerson", "commercial", "research", "nonprofit", "legalService", "otherOrg", "total");

    /** Table 三's rows (2019 and 2021 forms; group rows count only where a subtotal is printed). */
    public static final List<RowSpec> T3_ROWS = List.of(
            RowSpec.of("apps.new", "一、本年新收政府信息公开申请数量", "本年新收"),
            RowSpec.of("apps.carriedIn", "二、上年结转政府信息公开申请数量", "上年结转"),
            RowSpec.of("apps.granted", "（一）予以公开", "^予以公开"),
            RowSpec.of("apps.partial", "（二）部分公开", "^部分公开"),
            RowSpec.of("apps.withheld", "（三）不予公开", "^不予公开$"),
            RowSpec.of("apps.withheld.stateSecret", "1.属于国家秘密", "国家秘密"),
            RowSpec.of("apps.withheld.lawForbidden", "2.其他法律行政法规禁止公开", "法律.{0,6}止公开"),
            RowSpec.of("apps.withheld.threeSecurity", "3.危及“三安全一稳定”", "三安全一稳定|危及"),
            RowSpec.of("apps.withheld.thirdParty", "4.保护第三方合法权益", "第三方"),
            RowSpec.of("apps.withheld.internal", "5.属于三类内部事务信息", "内部事务"),
            RowSpec.of("apps.withheld.process", "6.属于四类过程性信息", "过程性"),
            RowSpec.of("apps.withheld.enforcement", "7.属于行政执法案卷", "执法案卷"),
            RowSpec.of("apps.withheld.inquiry", "8.属于行政查询事项", "查询事项"),
            RowSpec.of("apps.unable", "（四）无法提供", "^无法提供$"),
            RowSpec.of("apps.unable.notHeld", "1.本机关不掌握相关政府信息", "不掌握"),
            RowSpec.of("apps.unable.needsCreation", "2.没有现成信息需要另行制作", "另行制作|没有现成"),
            RowSpec.of("apps.unable.unclear", "3.补正后申请内容仍不明确", "仍不明确|补正后申请"),
            RowSpec.of("apps.notProcessed", "（五）不予处理", "^不予处理$"),
            RowSpec.of("apps.notProcessed.petition", "1.信访举报投诉类申请", "信访|举报投诉"),
            RowSpec.of("apps.notProcessed.repeat", "2.重复申请", "^重复申请"),
            RowSpec.of("apps.notProcessed.publication", "3.要求提供公开出版物", "出版物"),
            RowSpec.of("apps.notProcessed.massive", "4.无正当理由大量反复申请", "大量反复"),
            RowSpec.of("apps.notProcessed.confirm", "5.要求行政机关确认或重新出具已获取信息", "确认或重新|重新出具"),
            RowSpec.of("apps.other", "（六）其他处理", "^其他处理$"),
            RowSpec.of("apps.other.noCorrection", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "逾期不补"),
            RowSpec.of("apps.other.noFee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "缴纳费用|收费通知"),
            RowSpec.after("apps.other.other", "3.其他", "^其他$", "apps.other."),
            RowSpec.after("apps.results", "（七）总计", "^总计$", "apps."),
            RowSpec.of("apps.carriedOut", "四、结转下年度继续办理", "结转下年度"));

    /** Table 四's three groups, five columns each. */
    public static final List<String> T4_GROUPS = List.of(
            "review.reconsideration", "review.litigationDirect", "review.litigationAfterReview");
    public static final List<String> T4_COLUMNS = List.of("upheld", "corrected", "other", "pending", "total");

    /** Table 二 rows; their columns depend on the generation. */
    public static final List<RowSpec> T2_ROWS = List.of(
            RowSpec.of("active.regulations", "规章", "^规章$"),
            RowSpec.of("active.normativeDocuments", "规范性文件 / 行政规范性文件", "规范性文件$"),
            RowSpec.of("active.licensing", "行政许可", "^行政许可$"),
            RowSpec.of("active.otherServices", "其他对外管理服务事项", "其他对外管理服务"),
            RowSpec.of("active.penalties", "行政处罚", "^行政处罚$"),
            RowSpec.of("active.coercion", "行政强制", "^行政强制$"),
            RowSpec.of("active.fees", "行政事业性收费", "行政事业性收费"),
            RowSpec.of("active.procurement", "政府集中采购", "政府集中采购"));

    public static List<String> t2Columns(String rowKey, dev.govwatch.schemas.FormatGeneration generation) {
        boolean gen2021 = generation == dev.govwatch.schemas.FormatGeneration.GEN_2021;
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

    /** The pre-2019 政府信息公开情况统计表: one figure per row. */
    public static final List<RowSpec> OLD_ROWS = List.of(
            RowSpec.of("active.published", "主动公开政府信息数", "^主动公开政府信息数"),
            RowSpec.of("active.normativeDocuments", "主动公开规范性文件数", "主动公开规范性文件数"),
            RowSpec.of("apps.new", "收到申请数", "^收到申请数"),
            RowSpec.of("apps.channel.inPerson", "当面申请数", "^当面申请数"),
            RowSpec.of("apps.channel.fax", "传真申请数", "^传真申请数"),
            RowSpec.of("apps.channel.online", "网络申请数", "^网络申请数"),
            RowSpec.of("apps.channel.letter", "信函申请数", "^信函申请数"),
            RowSpec.of("apps.concluded", "申请办结数", "^申请办结数"),
            RowSpec.of("apps.concluded.onTime", "按时办结数", "^按时办结数"),
            RowSpec.of("apps.concluded.extended", "延期办结数", "^延期办结数"),
            RowSpec.of("apps.results", "申请答复数", "^申请答复数"),
            RowSpec.of("apps.alreadyPublic", "属于已主动公开范围数", "已主动公开范围"),
            RowSpec.of("apps.granted", "同意公开答复数", "^同意公开"),
            RowSpec.of("apps.partial", "同意部分公开答复数", "^同意部分公开"),
            RowSpec.of("apps.refused", "不同意公开答复数", "^不同意公开"),
            RowSpec.of("apps.notThisAgency", "不属于本行政机关公开数", "不属于本行政机关"),
            RowSpec.of("apps.notExist", "申请信息不存在数", "申请信息不存在"),
            RowSpec.of("apps.askedToAmend", "告知作出更改补充数", "更改补充"),
            RowSpec.of("apps.otherChannel", "告知通过其他途径办理数", "其他途径"),
            RowSpec.of("review.reconsideration", "行政复议数量", "^行政复议数"),
            RowSpec.after("review.reconsideration.upheld", "维持具体行政行为数", "^维持", "review.reconsideration"),
            RowSpec.after("review.reconsideration.corrected", "被依法纠错数", "纠错", "review.reconsideration"),
            RowSpec.after("review.reconsideration.other", "其他情形数", "^其他情形", "review.reconsideration"),
            RowSpec.of("review.litigation", "行政诉讼数量", "^行政诉讼数"),
            RowSpec.after("review.litigation.upheld", "维持具体行政行为或者驳回原告诉讼请求数", "^维持", "review.litigation"),
            RowSpec.after("review.litigation.corrected", "被依法纠错数", "纠错", "review.litigation"),
            RowSpec.after("review.litigation.other", "其他情形数", "^其他情形", "review.litigation"),
            RowSpec.of("complaints", "举报投诉数量", "举报投诉数"),
            RowSpec.of("fees", "依申请公开信息收取的费用", "收取的费用"),
            RowSpec.of("staff", "从事政府信息公开工作人员数", "从事政府信息公开工作人员数"),
            RowSpec.of("staff.fullTime", "专职人员数", "^专职人员数"),
            RowSpec.of("staff.partTime", "兼职人员数", "^兼职人员数"),
            RowSpec.of("funding", "政府信息公开专项经费", "专项经费"));

    private Layouts() {
    }
}
