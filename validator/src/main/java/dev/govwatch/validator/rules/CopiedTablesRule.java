package dev.govwatch.validator.rules;

import java.util.List;
import java.util.Objects;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.Severity;
import dev.govwatch.schemas.StatTable;
import dev.govwatch.schemas.TableRow;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;

/**
 * 内容雷同: statistics tables identical, figure for figure, to the agency's previous year. Tables of
 * all zeros are left out: an agency that received nothing two years running is not copying.
 */
public final class CopiedTablesRule extends AbstractRule {

    public CopiedTablesRule() {
        super("COPIED_TABLES", AlertCategory.DUPLICATE, Severity.WARNING,
                "表三 and 表四 not identical, figure for figure, to last year's (all-zero tables excepted)");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        if (context.previousYear().isEmpty()) {
            return List.of();
        }
        List<StatTable> now = tables(context.report().getTables());
        List<StatTable> before = tables(context.previousYear().get().report().getTables());
        if (now.isEmpty() || !figures(now).equals(figures(before)) || figures(now).stream().allMatch(v -> v == 0d)) {
            return List.of();
        }
        int year = context.report().getReportYear();
        return List.of(Finding.of("T3+T4", String.format("%d年报告的表三、表四数据与%d年报告逐项完全相同，疑为照抄上年", year, year - 1),
                Finding.at("T3,T4", "与上年不同", "与" + (year - 1) + "年相同")));
    }

    private static List<StatTable> tables(List<StatTable> all) {
        return all.stream().filter(t -> t.getId().equals("T3") || t.getId().equals("T4")).toList();
    }

    private static List<Double> figures(List<StatTable> tables) {
        return tables.stream().flatMap(t -> t.getRows().stream()).flatMap((TableRow r) -> r.getCells().stream())
                .map((Cell c) -> c.getKind() == CellKind.NUMBER ? c.getValue() : null).filter(Objects::nonNull).toList();
    }
}
