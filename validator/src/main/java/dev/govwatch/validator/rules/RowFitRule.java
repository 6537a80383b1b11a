package dev.govwatch.validator.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.Severity;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;

/** A table row whose cells do not fit its header, so some figures cannot be placed (e.g. 13 numbers for 15 cells). */
public final class RowFitRule extends AbstractRule {

    private static final Pattern ROW = Pattern.compile("^(表[二三四])(?: row '(.*?)')?: (\\d+) (?:filled )?cells (?:printed )?for (\\d+).*left empty");

    public RowFitRule() {
        super("ROW_FIT", AlertCategory.INCOMPLETE, Severity.WARNING,
                "every table row prints as many cells as its header has columns");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        List<Finding> findings = new ArrayList<>();
        for (String warning : context.report().getWarnings()) {
            Matcher m = ROW.matcher(warning);
            if (m.find()) {
                String row = m.group(2) == null ? "" : "“" + m.group(2) + "”行";
                findings.add(Finding.of(m.group(1) + (m.group(2) == null ? "" : "/" + m.group(2)),
                        String.format("%s%s只列出 %s 个数字，应为 %s 个，部分数字无法确定所属栏目", m.group(1), row, m.group(3), m.group(4)),
                        Finding.at(m.group(1), m.group(4), m.group(3))));
            }
        }
        return findings;
    }
}
