package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.template.CellRef;
import dev.govwatch.schemas.template.Identity;
import dev.govwatch.schemas.template.ReportTemplate;
import dev.govwatch.schemas.template.TemplateRow;
import dev.govwatch.schemas.template.TemplateTable;

/**
 * Decides among the readings of rows that fit their own arithmetic more than one way (figures run
 * together, cells dropped, a label printed without figures), using the whole table's identities
 * (each column: 本年新收 + 上年结转 = 总计 + 结转; （七）总计 = the sum of the result rows …).
 *
 * <p>Each identity is a linear equation over the open rows' readings; a reading is dropped when no
 * choice of the other rows' readings satisfies some identity it takes part in (arc consistency,
 * with the sums the other rows can reach computed as sets), until nothing changes. A cell becomes a
 * number only where every reading left gives it the same value, and only in a row that some
 * identity across rows could check in full; everything else stays uncertain with its candidates.
 * Never a guess: a reading is dropped only when it is in no solution.
 */
public final class TableFit {

    /** Reachable sums kept per identity before a reading is simply called supported. */
    private static final int MAX_SUMS = 100_000;
    private static final int MAX_ROUNDS = 50;

    private TableFit() {
    }

    /** One identity as a constant plus, per open row, the sum its reading contributes. */
    private record Equation(double constant, Map<String, double[]> contributions) {
    }

    /** The rows with every decidable ambiguous row decided; {@code rows} is not changed. */
    public static Map<String, ParsedRow> resolve(String table, String tableName, Map<String, ParsedRow> rows,
                                                List<String> warnings) {
        Map<String, ParsedRow> open = new LinkedHashMap<>();
        rows.values().stream().filter(r -> !r.splits().isEmpty()).forEach(r -> open.put(r.key(), r));
        if (open.isEmpty()) {
            return rows;
        }
        TemplateTable template = ReportTemplate.table(table).orElseThrow();
        List<Equation> equations = new ArrayList<>();
        Set<String> checkable = new HashSet<>();
        for (Identity identity : ReportTemplate.identitiesOf(table)) {
            Equation e = equation(identity, template, rows, open);
            if (e != null && !e.contributions().isEmpty()) {
                equations.add(e);
                if (acrossRows(identity)) {
                    checkable.addAll(e.contributions().keySet());
                }
            }
        }
        Map<String, boolean[]> alive = new HashMap<>();
        open.forEach((k, r) -> {
            boolean[] a = new boolean[r.splits().size()];
            java.util.Arrays.fill(a, true);
            alive.put(k, a);
        });
        boolean changed = true;
        for (int round = 0; changed && round < MAX_ROUNDS; round++) {
            changed = false;
            for (Equation e : equations) {
                changed |= prune(e, alive);
            }
        }
        boolean contradiction = alive.values().stream().anyMatch(a -> count(a) == 0);
        Map<String, ParsedRow> out = new LinkedHashMap<>(rows);
        for (ParsedRow row : open.values()) {
            boolean[] a = alive.get(row.key());
            boolean decidable = !contradiction && checkable.contains(row.key());
            List<CellValue> cells = new ArrayList<>();
            boolean decided = decidable;
            for (int c = 0; c < row.columns().size(); c++) {
                Set<Long> values = new LinkedHashSet<>();
                for (int k = 0; k < a.length; k++) {
                    if (a[k] || contradiction) {
                        values.add(row.splits().get(k)[c]);
                    }
                }
                CellValue original = row.cells().get(c);
                if (original.kind() != CellKind.UNCERTAIN) {
                    cells.add(original);
                } else if (decidable && values.size() == 1) {
                    long value = values.iterator().next();
                    cells.add(new CellValue(CellKind.NUMBER, (double) value, Long.toString(value), row.decided()));
                } else {
                    decided = false;
                    cells.add(CellValue.uncertain(contradiction ? original.raw() + "；与表内其他行的勾稽关系都不符"
                            : values.size() > 1 ? "可能为 " + String.join(" / ", values.stream().map(String::valueOf).toList())
                            : original.raw() + "；表内没有可以核对它的勾稽关系"));
                }
            }
            warnings.add(tableName + " row '" + row.label() + "': " + (decided ? "figures placed by the table's identities"
                    : "figures left uncertain: " + count(a) + " of " + a.length + " readings fit the table"));
            out.put(row.key(), new ParsedRow(row.key(), row.label(), row.columns(), cells));
        }
        return out;
    }

    /** Drops the readings of the equation's rows that no choice of the others' readings completes. */
    private static boolean prune(Equation e, Map<String, boolean[]> alive) {
        boolean changed = false;
        List<String> keys = new ArrayList<>(e.contributions().keySet());
        for (String key : keys) {
            Set<Long> others = new HashSet<>();
            others.add(0L);
            boolean bounded = true;
            for (String other : keys) {
                if (other.equals(key)) {
                    continue;
                }
                double[] contribution = e.contributions().get(other);
                boolean[] a = alive.get(other);
                Set<Long> next = new HashSet<>();
                for (long sum : others) {
                    for (int k = 0; k < contribution.length; k++) {
                        if (a[k]) {
                            next.add(sum + Math.round(contribution[k]));
                        }
                    }
                }
                others = next;
                if (others.size() > MAX_SUMS) {
                    bounded = false;
                    break;
                }
            }
            if (!bounded) {
                continue;
            }
            double[] contribution = e.contributions().get(key);
            boolean[] a = alive.get(key);
            for (int k = 0; k < contribution.length; k++) {
                if (a[k] && !others.contains(-Math.round(e.constant() + contribution[k]))) {
                    a[k] = false;
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** The identity over the open rows' readings, or null if a cell it needs is unknown. */
    private static Equation equation(Identity identity, TemplateTable template, Map<String, ParsedRow> rows,
                                     Map<String, ParsedRow> open) {
        double[] constant = {0};
        Map<String, double[]> contributions = new LinkedHashMap<>();
        for (Identity.Term t : identity.left()) {
            if (!add(t.cell(), 1, identity, template, rows, open, constant, contributions)) {
                return null;
            }
        }
        for (Identity.Term t : identity.right()) {
            if (!add(t.cell(), -1, identity, template, rows, open, constant, contributions)) {
                return null;
            }
        }
        return new Equation(constant[0], contributions);
    }

    private static boolean add(CellRef ref, int sign, Identity identity, TemplateTable template, Map<String, ParsedRow> rows,
                               Map<String, ParsedRow> open, double[] constant, Map<String, double[]> contributions) {
        ParsedRow openRow = open.get(ref.row());
        if (openRow != null) {
            int column = openRow.columns().indexOf(ref.column());
            double[] c = contributions.computeIfAbsent(ref.row(), k -> new double[openRow.splits().size()]);
            for (int k = 0; k < c.length; k++) {
                c[k] += sign * openRow.splits().get(k)[column];
            }
            return true;
        }
        ParsedRow row = rows.get(ref.row());
        if (row != null) {
            CellValue cell = row.cell(ref.column());
            Double v = cell == null ? null : cell.asSummand();
            if (v == null) {
                return false;
            }
            constant[0] += sign * v;
            return true;
        }
        List<TemplateRow> children = template.children(ref.row());
        if (!identity.derives() || children.isEmpty()) {
            return false;
        }
        for (TemplateRow child : children) {
            if (!add(new CellRef(ref.table(), child.key(), ref.column()), sign, identity, template, rows, open, constant,
                    contributions)) {
                return false;
            }
        }
        return true;
    }

    private static boolean acrossRows(Identity identity) {
        String row = identity.cells().get(0).row();
        return identity.cells().stream().anyMatch(c -> !c.row().equals(row));
    }

    private static int count(boolean[] a) {
        int n = 0;
        for (boolean b : a) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** Splits for a message: "64,2,0,0,0,0,66 / 6,42,…". */
    static String describe(List<long[]> splits) {
        List<String> each = new ArrayList<>();
        for (long[] s : splits.subList(0, Math.min(4, splits.size()))) {
            each.add(String.join(",", java.util.Arrays.stream(s).mapToObj(Long::toString).toList()));
        }
        return String.join(" / ", each) + (splits.size() > 4 ? " 等 " + splits.size() + " 种" : "");
    }
}
