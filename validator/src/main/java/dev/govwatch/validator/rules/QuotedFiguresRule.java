package dev.govwatch.validator.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.QuotedFigure;
import dev.govwatch.schemas.Severity;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;
import dev.govwatch.validator.ReportFacts;

/**
 * Figures quoted in the text (收到申请 n 件, 予以公开 n 件 …) must match the tables. A WARNING: the
 * text is free prose, and a sentence may quote a figure for a subset (one department, one quarter).
 */
public final class QuotedFiguresRule extends AbstractRule {

    public QuotedFiguresRule() {
        super("TEXT_VS_TABLE", AlertCategory.INCONSISTENT, Severity.WARNING,
                "figures quoted in the text (收到申请/予以公开/部分公开/予以公开及部分公开/不予公开/无法提供/结转/复议/诉讼) match the tables, "
                + "each compared with the cell or the sum of cells it names; a share (占n%) is its count over its base");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        ReportFacts f = context.current();
        List<Finding> findings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (QuotedFigure quoted : context.report().getQuotedFigures()) {
            if (quoted.getKind().equals("SHARE")) {
                share(quoted).ifPresent(findings::add);
                continue;
            }
            Optional<Double> table = tableValue(f, quoted.getKind());
            if (table.isEmpty() || !seen.add(quoted.getKind())) {
                continue; // one finding per kind; the first sentence is the summary one
            }
            // A text figure may count new applications only or include the carried-over ones.
            boolean matches = Math.abs(table.get() - quoted.getValue()) < 1e-6
                    || (quoted.getKind().equals("APPLICATIONS_RECEIVED") && f.summand("T3", "apps.carriedIn", "total")
                        .map(in -> Math.abs(table.get() + in - quoted.getValue()) < 1e-6).orElse(false));
            if (!matches) {
                findings.add(Finding.of(quoted.getKind(), String.format("正文称“%s”（%s），表格为 %s",
                                quoted.getSentence(), ReportFacts.show(quoted.getValue()), ReportFacts.show(table.get())),
                        Finding.at(where(quoted.getKind()), ReportFacts.show(table.get()), ReportFacts.show(quoted.getValue()))));
            }
        }
        return findings;
    }

    private static Optional<Double> tableValue(ReportFacts f, String kind) {
        return switch (kind) {
            case "APPLICATIONS_RECEIVED" -> first(f.summand("T3", "apps.new", "total"), f.summand("OLD", "apps.new", "total"));
            case "DISCLOSED" -> first(f.summand("T3", "apps.granted", "total"), f.summand("OLD", "apps.granted", "total"));
            case "PARTIALLY_DISCLOSED" -> first(f.summand("T3", "apps.partial", "total"), f.summand("OLD", "apps.partial", "total"));
            case "DISCLOSED_OR_PARTIAL" -> sum(first(f.summand("T3", "apps.granted", "total"), f.summand("OLD", "apps.granted", "total")),
                    first(f.summand("T3", "apps.partial", "total"), f.summand("OLD", "apps.partial", "total")));
            case "WITHHELD" -> groupTotal(f, "apps.withheld");
            case "UNABLE_TO_PROVIDE" -> groupTotal(f, "apps.unable");
            case "CARRIED_OVER" -> f.summand("T3", "apps.carriedOut", "total");
            case "RECONSIDERATIONS" -> first(f.summand("T4", "review.reconsideration", "total"),
                    f.summand("OLD", "review.reconsideration", "total"));
            case "LITIGATIONS" -> {
                Optional<Double> direct = f.summand("T4", "review.litigationDirect", "total");
                Optional<Double> after = f.summand("T4", "review.litigationAfterReview", "total");
                yield direct.isPresent() && after.isPresent() ? Optional.of(direct.get() + after.get())
                        : f.summand("OLD", "review.litigation", "total");
            }
            default -> Optional.empty();
        };
    }

    /**
     * A share must be its count over its base as the sentence states both (占60% of 办结50件 for 30件),
     * within the rounding of the printed percentage.
     */
    private static Optional<Finding> share(QuotedFigure quoted) {
        if (quoted.getPart() == null || quoted.getBase() == null || quoted.getBase() <= 0) {
            return Optional.empty();
        }
        double computed = 100 * quoted.getPart() / quoted.getBase();
        String printed = ReportFacts.show(quoted.getValue());
        int decimals = printed.contains(".") ? printed.length() - printed.indexOf('.') - 1 : 0;
        double tolerance = 0.5 * Math.pow(10, -decimals) + 1e-9;
        if (Math.abs(computed - quoted.getValue()) <= tolerance) {
            return Optional.empty();
        }
        String expected = String.format("%." + decimals + "f", computed);
        return Optional.of(Finding.of("SHARE/" + quoted.getOfKind(), String.format("正文称“%s”：%s ÷ %s = %s%%，而非 %s%%",
                        quoted.getSentence(), ReportFacts.show(quoted.getPart()), ReportFacts.show(quoted.getBase()), expected, printed),
                Finding.at("text", expected + "%", printed + "%")));
    }

    private static Optional<Double> groupTotal(ReportFacts f, String group) {
        List<String> leaves = f.rowsUnder("T3", group);
        if (leaves.isEmpty()) {
            return f.summand("T3", group, "total");
        }
        double sum = 0;
        for (String leaf : leaves) {
            Optional<Double> v = f.summand("T3", leaf, "total");
            if (v.isEmpty()) {
                return Optional.empty();
            }
            sum += v.get();
        }
        return Optional.of(sum);
    }

    private static Optional<Double> sum(Optional<Double> a, Optional<Double> b) {
        return a.isPresent() && b.isPresent() ? Optional.of(a.get() + b.get()) : Optional.empty();
    }

    private static Optional<Double> first(Optional<Double> a, Optional<Double> b) {
        return a.isPresent() ? a : b;
    }

    private static String where(String kind) {
        return switch (kind) {
            case "APPLICATIONS_RECEIVED" -> "T3/apps.new/total";
            case "DISCLOSED" -> "T3/apps.granted/total";
            case "PARTIALLY_DISCLOSED" -> "T3/apps.partial/total";
            case "DISCLOSED_OR_PARTIAL" -> "T3/apps.granted/total+T3/apps.partial/total";
            case "WITHHELD" -> "T3/apps.withheld/total";
            case "UNABLE_TO_PROVIDE" -> "T3/apps.unable/total";
            case "CARRIED_OVER" -> "T3/apps.carriedOut/total";
            case "RECONSIDERATIONS" -> "T4/review.reconsideration/total";
            default -> "T4/review.litigation/total";
        };
    }
}
