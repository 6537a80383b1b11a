package dev.govwatch.validator.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.Severity;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;
import dev.govwatch.validator.ReportFacts;

/** Table 四: in each of its three groups, 总计 = 维持 + 纠正 + 其他 + 尚未审结. */
public final class T4TotalsRule extends AbstractRule {

    private static final String[] GROUPS = {"review.reconsideration", "review.litigationDirect", "review.litigationAfterReview"};
    private static final String[] NAMES = {"行政复议", "未经复议直接起诉的行政诉讼", "复议后起诉的行政诉讼"};
    private static final String[] PARTS = {"upheld", "corrected", "other", "pending"};

    public T4TotalsRule() {
        super("T4_TOTALS", AlertCategory.INCONSISTENT, Severity.ERROR,
                "表四 each group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        ReportFacts f = context.current();
        List<Finding> findings = new ArrayList<>();
        for (int g = 0; g < GROUPS.length; g++) {
            Optional<Double> total = f.summand("T4", GROUPS[g], "total");
            if (total.isEmpty()) {
                continue;
            }
            double sum = 0;
            boolean complete = true;
            for (String part : PARTS) {
                Optional<Double> v = f.summand("T4", GROUPS[g], part);
                complete &= v.isPresent();
                sum += v.orElse(0d);
            }
            if (complete && Math.abs(sum - total.get()) > 1e-6) {
                findings.add(Finding.of(GROUPS[g], String.format("表四 %s：维持、纠正、其他、尚未审结之和 %s ≠ 总计 %s",
                                NAMES[g], ReportFacts.show(sum), ReportFacts.show(total.get())),
                        Finding.at("T4/" + GROUPS[g] + "/total", ReportFacts.show(sum), ReportFacts.show(total.get()))));
            }
        }
        return findings;
    }
}
