package dev.govwatch.validator.rules;

import java.util.ArrayList;
import java.util.List;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Severity;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;
import dev.govwatch.validator.ReportFacts;

/**
 * Changed after publication: a new version of a report already seen whose statistics differ. The
 * id carries the new page hash, so every change is its own alert and earlier ones stay on record.
 */
public final class ChangedRule extends AbstractRule {

    public ChangedRule() {
        super("CHANGED", AlertCategory.CHANGED, Severity.INFO,
                "a published report whose figures change in a later version of its page");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        if (context.previousVersion().isEmpty()) {
            return List.of();
        }
        AnnualReport before = context.previousVersion().get();
        AnnualReport now = context.report();
        if (before.getPageSha256().equals(now.getPageSha256()) || before.getTables().equals(now.getTables())) {
            return List.of();
        }
        ReportFacts was = new ReportFacts(before);
        ReportFacts is = context.current();
        List<String> changed = new ArrayList<>();
        for (var table : now.getTables()) {
            for (var row : table.getRows()) {
                for (var cell : row.getCells()) {
                    Double old = was.cell(table.getId(), row.getKey(), cell.getColumn()).map(c -> c.getValue()).orElse(null);
                    Double current = is.cell(table.getId(), row.getKey(), cell.getColumn()).map(c -> c.getValue()).orElse(null);
                    if (!java.util.Objects.equals(old, current) && changed.size() < 10) {
                        changed.add(table.getId() + "/" + row.getKey() + "/" + cell.getColumn() + ": "
                                + (old == null ? "空" : ReportFacts.show(old)) + " → " + (current == null ? "空" : ReportFacts.show(current)));
                    }
                }
            }
        }
        return List.of(new Finding(now.getPageSha256(), String.format("报告发布后被修改，统计数据有变动（%s）",
                changed.isEmpty() ? "表格结构变化" : String.join("；", changed)),
                changed.stream().map(c -> Finding.at(c.substring(0, c.indexOf(':')), null, c.substring(c.indexOf(':') + 2))).toList()));
    }
}
