package dev.govwatch.validator.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.Severity;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;
import dev.govwatch.validator.ReportFacts;

/**
 * Table 三: （七）总计 = （一）+（二）+ the rows of （三）（四）（五）（六）, and any printed group subtotal
 * equals the sum of its rows. Checked on the 总计 column.
 */
public final class T3ResultsTotalRule extends AbstractRule {

    public T3ResultsTotalRule() {
        super("T3_RESULTS_TOTAL", AlertCategory.INCONSISTENT, Severity.ERROR,
                "表三 总计列: （七）总计 = 予以公开 + 部分公开 + 不予公开/无法提供/不予处理/其他处理各项; 小计 = 其各项之和");
    }

    private static final String[] GROUPS = {"apps.withheld", "apps.unable", "apps.notProcessed", "apps.other"};

    @Override
    public List<Finding> check(ReportContext context) {
        ReportFacts f = context.current();
        List<Finding> findings = new ArrayList<>();
        Optional<Double> results = f.summand("T3", "apps.results", "total");
        if (results.isEmpty() || !f.hasRow("T3", "apps.granted")) {
            return findings;
        }
        double sum = f.summand("T3", "apps.granted", "total").orElse(Double.NaN)
                + f.summand("T3", "apps.partial", "total").orElse(Double.NaN);
        for (String group : GROUPS) {
            List<String> leaves = f.rowsUnder("T3", group);
            double groupSum = 0;
            for (String leaf : leaves) {
                groupSum += f.summand("T3", leaf, "total").orElse(Double.NaN);
            }
            if (leaves.isEmpty()) {
                // A single row (2019 其他处理) or a group printed only as its subtotal.
                groupSum = f.summand("T3", group, "total").orElse(0d);
            } else {
                Optional<Double> subtotal = f.summand("T3", group, "total");
                if (subtotal.isPresent() && !Double.isNaN(groupSum) && Math.abs(subtotal.get() - groupSum) > 1e-6) {
                    findings.add(Finding.of(group, String.format("表三“%s”小计 %s ≠ 其各项之和 %s",
                                    f.row("T3", group).map(r -> r.getLabel()).orElse(group),
                                    ReportFacts.show(subtotal.get()), ReportFacts.show(groupSum)),
                            Finding.at("T3/" + group + "/total", ReportFacts.show(groupSum), ReportFacts.show(subtotal.get()))));
                }
            }
            sum += groupSum;
        }
        if (!Double.isNaN(sum) && Math.abs(sum - results.get()) > 1e-6) {
            findings.add(Finding.of("total", String.format("表三 总计列：各项办理结果之和 %s ≠ （七）总计 %s",
                            ReportFacts.show(sum), ReportFacts.show(results.get())),
                    Finding.at("T3/apps.results/total", ReportFacts.show(sum), ReportFacts.show(results.get()))));
        }
        return findings;
    }
}
