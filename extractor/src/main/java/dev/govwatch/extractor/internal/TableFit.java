package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.CellSource;
import dev.govwatch.schemas.template.CellRef;
import dev.govwatch.schemas.template.Identity;
import dev.govwatch.schemas.template.ReportTemplate;

/**
 * Decides among the splits of rows whose figures ran together, using the whole table's identities
 * (each column: 本年新收 + 上年结转 = 总计 + 结转; （七）总计 = the sum of the result rows …). Every
 * combination of the rows' splits is tried; a cell becomes a number only where every combination
 * that breaks no identity gives it the same value. Otherwise it stays uncertain with its candidates:
 * never a guess.
 */
public final class TableFit {

    /** Above this many combinations the rows stay uncertain. */
    private static final int MAX_COMBINATIONS = 50_000;

    private TableFit() {
    }

    /** The rows with every decidable ambiguous row decided; {@code rows} is not changed. */
    public static Map<String, ParsedRow> resolve(String table, String tableName, Map<String, ParsedRow> rows,
                                                List<String> warnings) {
        List<ParsedRow> open = rows.values().stream().filter(r -> !r.splits().isEmpty()).toList();
        if (open.isEmpty()) {
            return rows;
        }
        long combinations = 1;
        for (ParsedRow row : open) {
            combinations *= row.splits().size();
            if (combinations > MAX_COMBINATIONS) {
                return rows;
            }
        }
        Set<String> openKeys = new java.util.HashSet<>();
        open.forEach(r -> openKeys.add(r.key()));
        List<Identity> identities = ReportTemplate.identitiesOf(table).stream()
                // An identity over a group reaches the group's rows through derivation.
                .filter(i -> i.cells().stream().anyMatch(c -> openKeys.stream()
                        .anyMatch(k -> k.equals(c.row()) || k.startsWith(c.row() + "."))))
                .toList();
        int[] choice = new int[open.size()];
        List<int[]> valid = new ArrayList<>();
        for (long n = 0; n < combinations; n++) {
            long rest = n;
            for (int r = 0; r < open.size(); r++) {
                choice[r] = (int) (rest % open.get(r).splits().size());
                rest /= open.get(r).splits().size();
            }
            if (holds(identities, rows, open, choice)) {
                valid.add(choice.clone());
            }
        }
        Map<String, ParsedRow> out = new LinkedHashMap<>(rows);
        for (int r = 0; r < open.size(); r++) {
            ParsedRow row = open.get(r);
            List<CellValue> cells = new ArrayList<>();
            boolean decided = !valid.isEmpty();
            for (int c = 0; c < row.columns().size(); c++) {
                Set<Long> values = new LinkedHashSet<>();
                for (int[] v : valid) {
                    values.add(row.splits().get(v[r])[c]);
                }
                if (values.size() == 1) {
                    long value = values.iterator().next();
                    cells.add(new CellValue(CellKind.NUMBER, (double) value, Long.toString(value), CellSource.SPLIT_BY_ARITHMETIC));
                } else {
                    decided = false;
                    cells.add(CellValue.uncertain(valid.isEmpty()
                            ? row.cells().get(c).raw() + "；与表内其他行的勾稽关系都不符"
                            : "可能为 " + String.join(" / ", values.stream().map(String::valueOf).toList())));
                }
            }
            warnings.add(tableName + " row '" + row.label() + "': " + (decided
                    ? "run-together figures split by the table's identities"
                    : "run-together figures left uncertain: " + row.splits().size() + " splits, "
                      + valid.size() + " fit the table"));
            out.put(row.key(), new ParsedRow(row.key(), row.label(), row.columns(), cells));
        }
        return out;
    }

    private static boolean holds(List<Identity> identities, Map<String, ParsedRow> rows, List<ParsedRow> open, int[] choice) {
        Map<String, long[]> chosen = new java.util.HashMap<>();
        for (int r = 0; r < open.size(); r++) {
            chosen.put(open.get(r).key(), open.get(r).splits().get(choice[r]));
        }
        for (Identity identity : identities) {
            Double left = side(identity, identity.left(), rows, chosen);
            Double right = side(identity, identity.right(), rows, chosen);
            if (left != null && right != null && Math.abs(left - right) > 1e-6) {
                return false;
            }
        }
        return true;
    }

    private static Double side(Identity identity, List<Identity.Term> terms, Map<String, ParsedRow> rows,
                               Map<String, long[]> chosen) {
        double sum = 0;
        for (Identity.Term term : terms) {
            Double v = ReportTemplate.value(identity, term.cell(), ref -> reading(ref, rows, chosen),
                    ref -> number(ref, rows, chosen));
            if (v == null) {
                return null;
            }
            sum += v;
        }
        return sum;
    }

    private static ReportTemplate.Reading reading(CellRef ref, Map<String, ParsedRow> rows, Map<String, long[]> chosen) {
        if (chosen.containsKey(ref.row())) {
            return ReportTemplate.Reading.NUMBER;
        }
        ParsedRow row = rows.get(ref.row());
        CellValue cell = row == null ? null : row.cell(ref.column());
        if (cell == null) {
            return ReportTemplate.Reading.NOT_PRINTED;
        }
        return switch (cell.kind()) {
            case NUMBER -> ReportTemplate.Reading.NUMBER;
            case BLANK -> ReportTemplate.Reading.BLANK;
            default -> ReportTemplate.Reading.UNKNOWN;
        };
    }

    private static Double number(CellRef ref, Map<String, ParsedRow> rows, Map<String, long[]> chosen) {
        long[] split = chosen.get(ref.row());
        if (split != null) {
            return (double) split[rows.get(ref.row()).columns().indexOf(ref.column())];
        }
        return rows.get(ref.row()).cell(ref.column()).value();
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
