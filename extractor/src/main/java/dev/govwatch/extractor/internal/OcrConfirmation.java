package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.govwatch.extractor.internal.ocr.OcrMarks;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.CellSource;
import dev.govwatch.schemas.StatTable;
import dev.govwatch.schemas.TableRow;
import dev.govwatch.schemas.template.CellRef;
import dev.govwatch.schemas.template.Identity;
import dev.govwatch.schemas.template.ReportTemplate;

/**
 * The arithmetic's word on the figures of a report read by OCR, in both directions.
 *
 * <p>Confirms: a figure the engine was unsure of becomes a number when an identity of the table
 * holds with it and it is the only unconfirmed figure in that identity (one equation pins one
 * unknown; two doubtful figures could err in opposite directions).
 *
 * <p>Withdraws: an identity that fails over figures read by OCR is more likely a misreading than a
 * report's own error, and a misreading must never become an INCONSISTENT alert. Its OCR'd figures
 * become UNCERTAIN, named among the unread cells, so the alert is an INCOMPLETE that points a
 * reviewer at the page. Figures from a text layer are never touched.
 */
public final class OcrConfirmation {

    private static final double TOLERANCE = 1e-6;

    private OcrConfirmation() {
    }

    /** The tables with confirmations and withdrawals applied; the input is not changed. */
    public static List<StatTable> apply(List<StatTable> tables) {
        Map<CellRef, Cell> cells = new HashMap<>();
        List<StatTable> copies = new ArrayList<>();
        for (StatTable table : tables) {
            StatTable copy = StatTable.newBuilder(table).build();
            copies.add(copy);
            for (TableRow row : copy.getRows()) {
                for (Cell cell : row.getCells()) {
                    cells.put(new CellRef(copy.getId(), row.getKey(), cell.getColumn()), cell);
                }
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Identity identity : ReportTemplate.identities()) {
                changed |= confirm(identity, cells);
            }
            if (!changed) {
                changed = confirmByTwo(cells);
            }
        }
        for (Identity identity : ReportTemplate.identities()) {
            withdraw(identity, cells);
        }
        return copies;
    }

    private static boolean confirm(Identity identity, Map<CellRef, Cell> cells) {
        Cell doubtful = null;
        double left = 0;
        double right = 0;
        Double l = sum(identity, identity.left(), cells);
        Double r = sum(identity, identity.right(), cells);
        if (l == null || r == null) {
            return false;
        }
        left = l;
        right = r;
        for (Cell c : doubtfulIn(identity, cells)) {
            if (doubtful != null && doubtful != c) {
                return false;
            }
            doubtful = c;
        }
        if (doubtful == null || Math.abs(left - right) > TOLERANCE) {
            return false;
        }
        confirmCell(doubtful);
        return true;
    }

    /**
     * Doubtful figures that two or more identities check, every one of them holding with the
     * engine's readings: a misread digit breaks both its row's and its column's identity unless
     * other misreadings cancel it out in both, which is not a chance worth naming.
     */
    private static boolean confirmByTwo(Map<CellRef, Cell> cells) {
        Map<Cell, Integer> holding = new java.util.IdentityHashMap<>();
        java.util.Set<Cell> broken = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Identity identity : ReportTemplate.identities()) {
            Double left = sum(identity, identity.left(), cells);
            Double right = sum(identity, identity.right(), cells);
            if (left == null || right == null) {
                continue;
            }
            boolean holds = Math.abs(left - right) <= TOLERANCE;
            for (Cell c : doubtfulIn(identity, cells)) {
                if (holds) {
                    holding.merge(c, 1, Integer::sum);
                } else {
                    broken.add(c);
                }
            }
        }
        boolean changed = false;
        for (Map.Entry<Cell, Integer> e : holding.entrySet()) {
            if (e.getValue() >= 2 && !broken.contains(e.getKey())) {
                confirmCell(e.getKey());
                changed = true;
            }
        }
        return changed;
    }

    private static Double sum(Identity identity, List<Identity.Term> terms, Map<CellRef, Cell> cells) {
        double sum = 0;
        for (Identity.Term t : terms) {
            Double v = valueOrCandidate(identity, t.cell(), cells);
            if (v == null) {
                return null;
            }
            sum += v;
        }
        return sum;
    }

    /**
     * A term's value or the engine's candidate; for a group row the report does not print, where the
     * identity derives it, the sum of its rows.
     */
    private static Double valueOrCandidate(Identity identity, CellRef ref, Map<CellRef, Cell> cells) {
        Cell c = cells.get(ref);
        if (c != null) {
            return valueOrCandidate(c);
        }
        var table = ReportTemplate.table(ref.table()).orElse(null);
        if (!identity.derives() || table == null || table.children(ref.row()).isEmpty()) {
            return null;
        }
        double sum = 0;
        for (var child : table.children(ref.row())) {
            Double v = valueOrCandidate(identity, new CellRef(ref.table(), child.key(), ref.column()), cells);
            if (v == null) {
                return null;
            }
            sum += v;
        }
        return sum;
    }

    /** The doubtful cells an identity reaches, through the rows of the groups it derives. */
    private static List<Cell> doubtfulIn(Identity identity, Map<CellRef, Cell> cells) {
        List<Cell> out = new ArrayList<>();
        for (CellRef ref : identity.cells()) {
            collect(identity, ref, cells, out);
        }
        return out;
    }

    private static void collect(Identity identity, CellRef ref, Map<CellRef, Cell> cells, List<Cell> out) {
        Cell c = cells.get(ref);
        if (c != null) {
            if (candidate(c) != null && !out.contains(c)) {
                out.add(c);
            }
            return;
        }
        var table = ReportTemplate.table(ref.table()).orElse(null);
        if (identity.derives() && table != null) {
            for (var child : table.children(ref.row())) {
                collect(identity, new CellRef(ref.table(), child.key(), ref.column()), cells, out);
            }
        }
    }

    private static void confirmCell(Cell doubtful) {
        double v = candidate(doubtful);
        doubtful.setKind(CellKind.NUMBER);
        doubtful.setValue(v);
        doubtful.setRaw(doubtful.getRaw().substring(1));
        doubtful.setSource(CellSource.OCR_CONFIRMED);
    }

    private static void withdraw(Identity identity, Map<CellRef, Cell> cells) {
        double left = 0;
        double right = 0;
        boolean ocr = false;
        for (CellRef ref : identity.cells()) {
            Cell c = cells.get(ref);
            if (c == null || value(c) == null) {
                return;
            }
            ocr |= c.getSource() == CellSource.OCR;
        }
        for (Identity.Term t : identity.left()) {
            left += value(cells.get(t.cell()));
        }
        for (Identity.Term t : identity.right()) {
            right += value(cells.get(t.cell()));
        }
        if (!ocr || Math.abs(left - right) <= TOLERANCE) {
            return;
        }
        for (CellRef ref : identity.cells()) {
            Cell c = cells.get(ref);
            if (c.getSource() == CellSource.OCR) {
                String read = c.getKind() == CellKind.BLANK ? "空白" : c.getRaw();
                c.setKind(CellKind.UNCERTAIN);
                c.setValue(null);
                c.setSource(CellSource.UNREAD);
                c.setRaw("OCR 读作 " + read + "，但" + identity.scope() + "的勾稽关系不成立，可能识别有误");
            }
        }
    }

    private static Double value(Cell c) {
        return switch (c.getKind()) {
            case NUMBER -> c.getValue();
            case BLANK -> 0d;
            default -> null;
        };
    }

    private static Double valueOrCandidate(Cell c) {
        if (c == null) {
            return null;
        }
        Double v = value(c);
        return v != null ? v : candidate(c);
    }

    /** The figure the engine proposed for a cell it was unsure of (raw "□447"), else null. */
    private static Double candidate(Cell c) {
        if (c == null || c.getKind() != CellKind.UNCERTAIN || c.getConfidence() == null || c.getRaw() == null
                || c.getRaw().length() < 2 || c.getRaw().charAt(0) != OcrMarks.DOUBT) {
            return null;
        }
        CellValue read = CellValue.parse(c.getRaw().substring(1));
        return read.kind() == CellKind.NUMBER ? read.value() : null;
    }
}
