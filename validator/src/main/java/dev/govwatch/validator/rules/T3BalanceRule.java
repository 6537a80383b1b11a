package dev.govwatch.validator.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.Severity;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;
import dev.govwatch.validator.ReportFacts;

/** Table 三 prints its own identity: for each column, 一 + 二 = （七）总计 + 四. */
public final class T3BalanceRule extends AbstractRule {

    public T3BalanceRule() {
        super("T3_BALANCE", AlertCategory.INCONSISTENT, Severity.ERROR,
                "表三 each column: 本年新收 + 上年结转 = 办理结果总计 + 结转下年度");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        ReportFacts f = context.current();
        List<Finding> findings = new ArrayList<>();
        for (String column : ReportFacts.T3_COLUMNS) {
            Optional<Double> fresh = f.summand("T3", "apps.new", column);
            Optional<Double> in = f.summand("T3", "apps.carriedIn", column);
            Optional<Double> results = f.summand("T3", "apps.results", column);
            Optional<Double> out = f.summand("T3", "apps.carriedOut", column);
            if (fresh.isEmpty() || in.isEmpty() || results.isEmpty() || out.isEmpty()) {
                continue;
            }
            double left = fresh.get() + in.get();
            double right = results.get() + out.get();
            if (Math.abs(left - right) > 1e-6) {
                String name = ReportFacts.COLUMN_NAMES.get(column);
                findings.add(Finding.of(column, String.format("表三 %s列：本年新收 %s + 上年结转 %s ≠ 办理结果 %s + 结转下年度 %s",
                                name, ReportFacts.show(fresh.get()), ReportFacts.show(in.get()),
                                ReportFacts.show(results.get()), ReportFacts.show(out.get())),
                        Finding.at("T3/apps.results/" + column, ReportFacts.show(left - out.get()),
                                ReportFacts.show(results.get())),
                        Finding.at("T3/apps.new/" + column, null, ReportFacts.show(fresh.get()))));
            }
        }
        return findings;
    }
}
