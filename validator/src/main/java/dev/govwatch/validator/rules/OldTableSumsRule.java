package dev.govwatch.validator.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.Severity;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;
import dev.govwatch.validator.ReportFacts;

/** The pre-2019 统计表's sums: channels, 办结, 复议/诉讼 breakdowns and staff. */
public final class OldTableSumsRule extends AbstractRule {

    private record Sum(String total, String totalName, String[] parts) {
    }

    private static final Sum[] SUMS = {
        new Sum("apps.new", "收到申请数", new String[] {"apps.channel.inPerson", "apps.channel.fax", "apps.channel.online", "apps.channel.letter"}),
        new Sum("apps.concluded", "申请办结数", new String[] {"apps.concluded.onTime", "apps.concluded.extended"}),
        new Sum("review.reconsideration", "行政复议数量", new String[] {"review.reconsideration.upheld", "review.reconsideration.corrected", "review.reconsideration.other"}),
        new Sum("review.litigation", "行政诉讼数量", new String[] {"review.litigation.upheld", "review.litigation.corrected", "review.litigation.other"}),
        new Sum("staff", "从事政府信息公开工作人员数", new String[] {"staff.fullTime", "staff.partTime"}),
    };

    public OldTableSumsRule() {
        super("OLD_SUMS", AlertCategory.INCONSISTENT, Severity.ERROR,
                "统计表 (pre-2019): 收到申请 = 当面+传真+网络+信函; 办结 = 按时+延期; 复议/诉讼 = 维持+纠错+其他; 人员 = 专职+兼职");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        ReportFacts f = context.current();
        List<Finding> findings = new ArrayList<>();
        for (Sum s : SUMS) {
            Optional<Double> total = f.summand("OLD", s.total(), "total");
            if (total.isEmpty()) {
                continue;
            }
            double sum = 0;
            boolean complete = true;
            for (String part : s.parts()) {
                Optional<Double> v = f.summand("OLD", part, "total");
                complete &= v.isPresent();
                sum += v.orElse(0d);
            }
            if (complete && Math.abs(sum - total.get()) > 1e-6) {
                findings.add(Finding.of(s.total(), String.format("统计表“%s”%s ≠ 其分项之和 %s",
                                s.totalName(), ReportFacts.show(total.get()), ReportFacts.show(sum)),
                        Finding.at("OLD/" + s.total() + "/total", ReportFacts.show(sum), ReportFacts.show(total.get()))));
            }
        }
        return findings;
    }
}
