package dev.govwatch.validator.rules;

import java.util.ArrayList;
import java.util.List;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.FormatGeneration;
import dev.govwatch.schemas.Section;
import dev.govwatch.schemas.Severity;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;
import dev.govwatch.validator.ReportFacts;

/** A 2019+ report fills its statistics tables 二, 三 and 四 (a heading with no table is not a table). */
public final class TablesRule extends AbstractRule {

    public TablesRule() {
        super("TABLES", AlertCategory.INCOMPLETE, Severity.ERROR, "2019+ reports carry filled tables 二, 三 and 四");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        AnnualReport r = context.report();
        ReportFacts f = context.current();
        List<Finding> findings = new ArrayList<>();
        if (r.getReportYear() == null || r.getReportYear() < 2019 || r.getGeneration() == FormatGeneration.PRE_2019) {
            return findings;
        }
        String[][] tables = {{"T2", "表二（主动公开政府信息情况）", "2"}, {"T3", "表三（收到和处理政府信息公开申请情况）", "3"},
            {"T4", "表四（行政复议、行政诉讼情况）", "4"}};
        for (String[] t : tables) {
            if (!f.hasTable(t[0])) {
                boolean headingOnly = r.getSections().stream().map(Section::getNumber).anyMatch(n -> n == Integer.parseInt(t[2]));
                findings.add(Finding.of(t[0], "缺少" + t[1] + (headingOnly ? "：只有标题，没有表格" : ""),
                        Finding.at(t[0], "统计表", null)));
            }
        }
        return findings;
    }
}
