package dev.govwatch.validator.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.FormatGeneration;
import dev.govwatch.schemas.Severity;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;
import dev.govwatch.validator.ReportFacts;

/**
 * Heuristics on table 二 across years: in the 2019 template, this year's 上一年项目数量 ≈ last year's
 * 上一年项目数量 + 本年增/减; in the 2021 template, 现行有效件数 ≈ last year's + 本年制发 − 本年废止.
 * Amendments and re-counts break both, hence INFO.
 */
public final class StockContinuityRule extends AbstractRule {

    private static final String[] PROJECT_ROWS = {"active.licensing", "active.otherServices", "active.penalties", "active.coercion", "active.fees"};

    public StockContinuityRule() {
        super("T2_CONTINUITY", AlertCategory.INCONSISTENT, Severity.INFO,
                "表二 across years: 上一年项目数量 follows last year's plus 本年增/减 (2019); 现行有效件数 follows 制发/废止 (2021)");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        List<Finding> findings = new ArrayList<>();
        if (context.previousYear().isEmpty()) {
            return findings;
        }
        ReportFacts now = context.current();
        ReportFacts before = context.previousYear().get();
        FormatGeneration generation = context.report().getGeneration();
        FormatGeneration previousGeneration = before.report().getGeneration();
        if (generation == FormatGeneration.GEN_2019 && previousGeneration == FormatGeneration.GEN_2019) {
            for (String row : PROJECT_ROWS) {
                Optional<Double> previousCount = before.summand("T2", row, "previousCount");
                Optional<Double> change = before.summand("T2", row, "change");
                Optional<Double> count = now.summand("T2", row, "previousCount");
                if (previousCount.isPresent() && change.isPresent() && count.isPresent()
                        && Math.abs(previousCount.get() + change.get() - count.get()) > 1e-6) {
                    findings.add(Finding.of(row, String.format("表二“%s”上一年项目数量 %s，与上年报告 %s %+d 不符",
                                    label(now, row), ReportFacts.show(count.get()), ReportFacts.show(previousCount.get()),
                                    change.get().longValue()),
                            Finding.at("T2/" + row + "/previousCount", ReportFacts.show(previousCount.get() + change.get()),
                                    ReportFacts.show(count.get()))));
                }
            }
        }
        if (generation == FormatGeneration.GEN_2021 && previousGeneration == FormatGeneration.GEN_2021) {
            for (String row : new String[] {"active.regulations", "active.normativeDocuments"}) {
                Optional<Double> stock = before.summand("T2", row, "inForce");
                Optional<Double> issued = now.summand("T2", row, "issued");
                Optional<Double> repealed = now.summand("T2", row, "repealed");
                Optional<Double> inForce = now.summand("T2", row, "inForce");
                if (stock.isPresent() && issued.isPresent() && repealed.isPresent() && inForce.isPresent()) {
                    double expected = stock.get() + issued.get() - repealed.get();
                    if (Math.abs(expected - inForce.get()) > 1e-6) {
                        findings.add(Finding.of(row, String.format("表二“%s”现行有效件数 %s，按上年 %s + 制发 %s − 废止 %s 应为 %s",
                                        label(now, row), ReportFacts.show(inForce.get()), ReportFacts.show(stock.get()),
                                        ReportFacts.show(issued.get()), ReportFacts.show(repealed.get()), ReportFacts.show(expected)),
                                Finding.at("T2/" + row + "/inForce", ReportFacts.show(expected), ReportFacts.show(inForce.get()))));
                    }
                }
            }
        }
        return findings;
    }

    private static String label(ReportFacts f, String row) {
        return f.row("T2", row).map(r -> r.getLabel()).orElse(row);
    }
}
