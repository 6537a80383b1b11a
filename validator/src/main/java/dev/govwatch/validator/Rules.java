package dev.govwatch.validator;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.govwatch.validator.rules.CarryOverRule;
import dev.govwatch.validator.rules.ChangedRule;
import dev.govwatch.validator.rules.CopiedTablesRule;
import dev.govwatch.validator.rules.CopiedTextRule;
import dev.govwatch.validator.rules.CountsRule;
import dev.govwatch.validator.rules.IdentityRule;
import dev.govwatch.validator.rules.LateRule;
import dev.govwatch.validator.rules.PeriodRule;
import dev.govwatch.validator.rules.PlaceholderRule;
import dev.govwatch.validator.rules.QuotedFiguresRule;
import dev.govwatch.validator.rules.SectionsRule;
import dev.govwatch.validator.rules.StockContinuityRule;
import dev.govwatch.validator.rules.TablesRule;
import dev.govwatch.validator.rules.TemplateRule;
import dev.govwatch.validator.rules.UnreadCellsRule;

/** Every rule the validator applies, in the order {@code govwatch rules} lists them. */
public final class Rules {

    public static final List<Rule> ALL = List.of(
            IdentityRule.balance(), IdentityRule.rowSum(), IdentityRule.resultsTotal(), IdentityRule.reviewTotals(),
            IdentityRule.oldTableSums(), new CountsRule(), new QuotedFiguresRule(), new PeriodRule(), new TemplateRule(),
            new SectionsRule(), new TablesRule(), new PlaceholderRule(), new UnreadCellsRule(), new LateRule(),
            new CarryOverRule(), new StockContinuityRule(), new CopiedTablesRule(), new CopiedTextRule(), new ChangedRule());

    private static final Map<String, Rule> BY_ID = ALL.stream().collect(Collectors.toMap(Rule::id, Function.identity()));

    private Rules() {
    }

    /** The report rules, then the checks made on the wall clock (MISSING, BLOCKED, DRIFTED). */
    public static List<RuleDescription> described() {
        List<RuleDescription> all = new java.util.ArrayList<>(ALL);
        all.add(MissingReports.MISSING);
        all.add(MissingReports.BLOCKED);
        all.add(PortalDrift.DRIFTED);
        return all;
    }

    public static Rule byId(String id) {
        Rule rule = BY_ID.get(id);
        if (rule == null) {
            throw new IllegalArgumentException("no rule " + id);
        }
        return rule;
    }
}
