package dev.govwatch.validator.rules;

import java.util.ArrayList;
import java.util.List;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.Severity;
import dev.govwatch.schemas.StatTable;
import dev.govwatch.schemas.TableRow;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportFacts;
import dev.govwatch.validator.ReportContext;

/** Counts are non-negative integers (amounts and the signed 本年增/减 column excepted). */
public final class CountsRule extends AbstractRule {

    public CountsRule() {
        super("COUNTS", AlertCategory.INCONSISTENT, Severity.ERROR, "counts in 表三/表四/统计表 are non-negative integers");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        List<Finding> findings = new ArrayList<>();
        for (StatTable table : context.report().getTables()) {
            if (table.getId().equals("T2")) {
                continue; // increments are signed and amounts have decimals
            }
            for (TableRow row : table.getRows()) {
                if (table.getId().equals("OLD") && (row.getKey().equals("fees") || row.getKey().equals("funding"))) {
                    continue;
                }
                for (Cell cell : row.getCells()) {
                    if (cell.getKind() != CellKind.NUMBER) {
                        continue;
                    }
                    double v = cell.getValue();
                    if (v < 0 || v != Math.rint(v)) {
                        String where = table.getId() + "/" + row.getKey() + "/" + cell.getColumn();
                        findings.add(Finding.of(where, String.format("“%s”%s列为 %s：件数应为非负整数",
                                        row.getLabel(), ReportFacts.COLUMN_NAMES.getOrDefault(cell.getColumn(), cell.getColumn()),
                                        cell.getRaw()),
                                Finding.at(where, "非负整数", cell.getRaw())));
                    }
                }
            }
        }
        return findings;
    }
}
