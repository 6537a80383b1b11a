package dev.govwatch.validator.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.FormatGeneration;
import dev.govwatch.schemas.Section;
import dev.govwatch.schemas.Severity;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;

/** A 2019+ report has all six sections, none of them empty. */
public final class SectionsRule extends AbstractRule {

    private static final Map<Integer, String> NAMES = Map.of(1, "一、总体情况", 2, "二、主动公开政府信息情况",
            3, "三、收到和处理政府信息公开申请情况", 4, "四、政府信息公开行政复议、行政诉讼情况",
            5, "五、存在的主要问题及改进情况", 6, "六、其他需要报告的事项");
    /** Fewer characters than this under a heading is an empty section ("无" is a legitimate 六). */
    private static final int EMPTY = 1;

    public SectionsRule() {
        super("SECTIONS", AlertCategory.INCOMPLETE, Severity.WARNING,
                "2019+ reports have the six sections 一…六, each with content");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        AnnualReport r = context.report();
        List<Finding> findings = new ArrayList<>();
        if (r.getGeneration() != FormatGeneration.GEN_2019 && r.getGeneration() != FormatGeneration.GEN_2021) {
            return findings;
        }
        for (int n = 1; n <= 6; n++) {
            int number = n;
            Section section = r.getSections().stream().filter(s -> s.getNumber() == number).findFirst().orElse(null);
            if (section == null) {
                findings.add(Finding.of("missing-" + n, "缺少“" + NAMES.get(n) + "”部分", Finding.at("section " + n, NAMES.get(n), null)));
            } else if (section.getTextLength() < EMPTY && n != 2 && n != 3 && n != 4) {
                findings.add(Finding.of("empty-" + n, "“" + section.getHeading() + "”部分没有内容",
                        Finding.at("section " + n, "内容", "空")));
            }
        }
        return findings;
    }
}
