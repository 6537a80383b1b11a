package dev.govwatch.validator.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.Severity;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;
import dev.govwatch.validator.ReportFacts;

/** Per column: this year's 二、上年结转 = last year's 四、结转下年度继续办理 (from 2019 → 2020 on). */
public final class CarryOverRule extends AbstractRule {

    public CarryOverRule() {
        super("CARRY_OVER", AlertCategory.INCONSISTENT, Severity.ERROR,
                "表三 each column: 上年结转 this year = 结转下年度继续办理 last year");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        List<Finding> findings = new ArrayList<>();
        if (context.previousYear().isEmpty()) {
            return findings;
        }
        ReportFacts now = context.current();
        ReportFacts before = context.previousYear().get();
        int year = context.report().getReportYear();
        for (String column : ReportFacts.T3_COLUMNS) {
            Optional<Double> in = now.summand("T3", "apps.carriedIn", column);
            Optional<Double> out = before.summand("T3", "apps.carriedOut", column);
            if (in.isPresent() && out.isPresent() && Math.abs(in.get() - out.get()) > 1e-6) {
                findings.add(Finding.of(column, String.format("表三 %s列：%d年“上年结转” %s ≠ %d年报告“结转下年度继续办理” %s",
                                ReportFacts.COLUMN_NAMES.get(column), year, ReportFacts.show(in.get()), year - 1,
                                ReportFacts.show(out.get())),
                        Finding.at("T3/apps.carriedIn/" + column, ReportFacts.show(out.get()), ReportFacts.show(in.get())),
                        Finding.at((year - 1) + ":T3/apps.carriedOut/" + column, null, ReportFacts.show(out.get()))));
            }
        }
        return findings;
    }
}
