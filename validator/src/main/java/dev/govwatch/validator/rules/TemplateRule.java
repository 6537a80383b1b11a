package dev.govwatch.validator.rules;

import java.util.ArrayList;
import java.util.List;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.FormatGeneration;
import dev.govwatch.schemas.Severity;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;

/**
 * The layout matches what the year requires: 2019 onwards the 国办公开办函〔2019〕60号 template, 2021
 * onwards the 〔2021〕30号 one. Read from table 二, as the extractor does.
 */
public final class TemplateRule extends AbstractRule {

    public TemplateRule() {
        super("TEMPLATE", AlertCategory.OUTDATED_FORMAT, Severity.WARNING,
                "a 2021+ report uses the 2021 template (表二 本年制发件数…), a 2019+ report not the pre-2019 统计表");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        AnnualReport r = context.report();
        List<Finding> findings = new ArrayList<>();
        Integer year = r.getReportYear();
        if (year == null || r.getGeneration() == FormatGeneration.UNKNOWN || r.getTables().isEmpty()) {
            return findings;
        }
        if (year >= 2021 && r.getGeneration() == FormatGeneration.GEN_2019) {
            findings.add(Finding.of("gen2019", String.format("%d年度报告仍使用2019年版格式（表二含“采购项目数量”“上一年项目数量”等旧栏目），应使用国办公开办函〔2021〕30号格式", year),
                    Finding.at("T2", "2021年版", "2019年版")));
        } else if (year >= 2019 && r.getGeneration() == FormatGeneration.PRE_2019) {
            findings.add(Finding.of("pre2019", String.format("%d年度报告仍使用2019年以前的统计表，应使用新条例配套格式", year),
                    Finding.at("tables", year >= 2021 ? "2021年版" : "2019年版", "2019年以前统计表")));
        }
        return findings;
    }
}
