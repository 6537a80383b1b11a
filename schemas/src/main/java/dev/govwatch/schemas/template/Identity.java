package dev.govwatch.schemas.template;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear identity the template imposes on a report's cells: the sum of {@code left} equals the
 * sum of {@code right}. The template states each identity once with its scope (each row, each
 * column, once); {@link ReportTemplate#identities()} holds one instance per scope.
 *
 * @param rule      the validator rule that reports a break (T3_BALANCE, T3_ROW_SUM …)
 * @param detail    what distinguishes this instance among the rule's (the column, the row key); part
 *                  of the alert id, so stable across releases
 * @param scope     where, for people: 表三 自然人列, 表四 行政复议
 * @param left      summed terms
 * @param leftName  the left side's name in a message when it is a long sum, or null to list its terms
 * @param right     summed terms
 * @param rightName likewise for the right side
 * @param derives   whether a group row that is not printed stands for the sum of its rows (true only
 *                  where the identity is over groups, so that a broken leaf is reported once)
 */
public record Identity(String rule, String detail, String scope, List<Term> left, String leftName,
                       List<Term> right, String rightName, boolean derives) {

    /** One summed cell and its name in messages (本年新收, 总计). */
    public record Term(CellRef cell, String name) {
    }

    /** The table the identity is over (all its cells lie in one), without building {@link #cells()}. */
    public String table() {
        return (left.isEmpty() ? right : left).get(0).cell().table();
    }

    /** Every cell the identity involves. */
    public List<CellRef> cells() {
        List<CellRef> all = new ArrayList<>();
        left.forEach(t -> all.add(t.cell()));
        right.forEach(t -> all.add(t.cell()));
        return all;
    }
}
