package dev.govwatch.validator.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.Severity;
import dev.govwatch.schemas.StatTable;
import dev.govwatch.schemas.TableRow;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;
import dev.govwatch.validator.ReportFacts;

/** Table 三, each row: 总计 = 自然人 + the five kinds of 法人或其他组织. */
public final class T3RowSumRule extends AbstractRule {

    public T3RowSumRule() {
        super("T3_ROW_SUM", AlertCategory.INCONSISTENT, Severity.ERROR,
                "表三 each row: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        ReportFacts f = context.current();
        List<Finding> findings = new ArrayList<>();
        for (StatTable table : context.report().getTables()) {
            if (!table.getId().equals("T3")) {
                continue;
            }
            for (TableRow row : table.getRows()) {
                Optional<Double> total = f.summand("T3", row.getKey(), "total");
                double sum = 0;
                boolean complete = total.isPresent();
                for (String column : ReportFacts.APPLICANTS) {
                    Optional<Double> v = f.summand("T3", row.getKey(), column);
                    complete &= v.isPresent();
                    sum += v.orElse(0d);
                }
                if (complete && Math.abs(sum - total.get()) > 1e-6) {
                    findings.add(Finding.of(row.getKey(), String.format("表三“%s”行：各类申请人合计 %s ≠ 总计 %s",
                                    row.getLabel(), ReportFacts.show(sum), ReportFacts.show(total.get())),
                            Finding.at("T3/" + row.getKey() + "/total", ReportFacts.show(sum), ReportFacts.show(total.get()))));
                }
            }
        }
        return findings;
    }
}
