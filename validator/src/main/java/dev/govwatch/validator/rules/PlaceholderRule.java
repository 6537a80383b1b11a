package dev.govwatch.validator.rules;

import java.util.ArrayList;
import java.util.List;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.Severity;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;

/** Template text left unfilled: a measure word with no number before it ("共发布信息余条"). */
public final class PlaceholderRule extends AbstractRule {

    public PlaceholderRule() {
        super("PLACEHOLDER", AlertCategory.INCOMPLETE, Severity.WARNING,
                "no unfilled placeholders (a measure word without its number, as in 共发布信息余条)");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        List<Finding> findings = new ArrayList<>();
        for (String text : context.report().getPlaceholders()) {
            findings.add(Finding.of(text, "正文“" + text + "”缺少数字，疑为未填写的模板占位",
                    Finding.at("text", "数字", text)));
        }
        return findings;
    }
}
