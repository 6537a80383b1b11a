package dev.govwatch.validator.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.Severity;
import dev.govwatch.schemas.UnreadCell;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;

/**
 * Cells of the template the extractor could not read (a row missing, a value that could belong to
 * more than one column, digits that split more than one way): the report is incomplete as read,
 * and the alert names each cell so that a person can read it from the page.
 */
public final class UnreadCellsRule extends AbstractRule {

    /** Cells named in one message; the evidence lists every cell. */
    private static final int NAMED = 6;

    public UnreadCellsRule() {
        super("UNREAD_CELLS", AlertCategory.INCOMPLETE, Severity.WARNING,
                "every cell of 表三 and 表四 is read (cells that could not be read are named, never guessed)");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        Map<String, List<UnreadCell>> byTable = new LinkedHashMap<>();
        for (UnreadCell cell : context.report().getUnreadCells()) {
            byTable.computeIfAbsent(cell.getTable(), t -> new ArrayList<>()).add(cell);
        }
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, List<UnreadCell>> e : byTable.entrySet()) {
            List<UnreadCell> cells = e.getValue();
            String message = message(cells);
            List<dev.govwatch.schemas.Evidence> evidence = cells.stream()
                    .map(c -> Finding.at(e.getKey() + "/" + c.getRow() + (c.getColumn() == null ? "" : "/" + c.getColumn()),
                            "数字", c.getReason()))
                    .toList();
            findings.add(new Finding(e.getKey(), message, evidence));
        }
        return findings;
    }

    /**
     * Cells grouped by the reason they could not be read, each group with its own reason: rows of
     * one table often fail for different reasons (two rows run together, each printed otherwise),
     * and a reason shown under another row's name would send the reader to the wrong text.
     */
    static String message(List<UnreadCell> cells) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (UnreadCell cell : cells) {
            byReason.computeIfAbsent(cell.getReason(), r -> new ArrayList<>()).add(cell.getLabel());
        }
        List<String> parts = new ArrayList<>();
        int named = 0;
        for (Map.Entry<String, List<String>> group : byReason.entrySet()) {
            if (named >= NAMED) {
                break;
            }
            List<String> names = group.getValue().stream().limit(NAMED - named).toList();
            named += names.size();
            parts.add(String.join("、", names) + " 未能读出（" + group.getKey() + "）");
        }
        return String.join("；", parts) + (cells.size() > named ? "；共 " + cells.size() + " 处" : "");
    }
}
