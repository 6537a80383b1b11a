package dev.govwatch.validator.rules;

import java.util.ArrayList;
import java.util.List;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.Severity;
import dev.govwatch.schemas.template.CellRef;
import dev.govwatch.schemas.template.Identity;
import dev.govwatch.schemas.template.ReportTemplate;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;
import dev.govwatch.validator.ReportFacts;

/**
 * The template's arithmetic: walks {@link ReportTemplate#identities()} of one rule id and reports
 * each instance whose sides differ. An identity with a cell that is missing, UNCERTAIN, not
 * applicable or text is not checked at all: a doubt is never turned into an INCONSISTENT alert
 * (the unread cells are reported as INCOMPLETE by {@link UnreadCellsRule}).
 */
public final class IdentityRule extends AbstractRule {

    private final List<Identity> identities;

    private IdentityRule(String id, String doc) {
        super(id, AlertCategory.INCONSISTENT, Severity.ERROR, doc);
        this.identities = ReportTemplate.identities().stream().filter(i -> i.rule().equals(id)).toList();
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("the template has no identity for rule " + id);
        }
    }

    public static IdentityRule balance() {
        return new IdentityRule("T3_BALANCE", "表三 each column: 本年新收 + 上年结转 = 办理结果总计 + 结转下年度");
    }

    public static IdentityRule rowSum() {
        return new IdentityRule("T3_ROW_SUM", "表三 each row: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他");
    }

    public static IdentityRule resultsTotal() {
        return new IdentityRule("T3_RESULTS_TOTAL",
                "表三 each column: （七）总计 = 予以公开 + 部分公开 + 不予公开/无法提供/不予处理/其他处理各项; 小计 = 其各项之和");
    }

    public static IdentityRule reviewTotals() {
        return new IdentityRule("T4_TOTALS", "表四 each group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结");
    }

    public static IdentityRule oldTableSums() {
        return new IdentityRule("OLD_SUMS",
                "统计表 (pre-2019): 收到申请 = 当面+传真+网络+信函; 办结 = 按时+延期; 复议/诉讼 = 维持+纠错+其他; 人员 = 专职+兼职");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        ReportFacts f = context.current();
        List<Finding> findings = new ArrayList<>();
        for (Identity identity : identities) {
            if (!f.hasTable(identity.table())) {
                continue;
            }
            Side left = side(f, identity, identity.left());
            Side right = side(f, identity, identity.right());
            if (left == null || right == null || Math.abs(left.sum - right.sum) <= 1e-6) {
                continue;
            }
            CellRef total = identity.right().get(0).cell();
            findings.add(Finding.of(identity.detail(),
                    identity.scope() + "：" + left.text(identity.leftName()) + " ≠ " + right.text(identity.rightName()),
                    Finding.at(total.toString(), ReportFacts.show(left.sum - right.sum + right.values.get(0)),
                            ReportFacts.show(right.values.get(0)))));
        }
        return findings;
    }

    private record Side(double sum, List<String> names, List<Double> values) {
        String text(String name) {
            if (name != null) {
                return name + " " + ReportFacts.show(sum);
            }
            List<String> terms = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                terms.add(names.get(i) + " " + ReportFacts.show(values.get(i)));
            }
            return String.join(" + ", terms);
        }
    }

    private static Side side(ReportFacts f, Identity identity, List<Identity.Term> terms) {
        double sum = 0;
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Identity.Term term : terms) {
            Double v = ReportTemplate.value(identity, term.cell(), f::reading, f::number);
            if (v == null) {
                return null;
            }
            sum += v;
            names.add(term.name());
            values.add(v);
        }
        return new Side(sum, names, values);
    }
}
