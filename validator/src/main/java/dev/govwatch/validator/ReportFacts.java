package dev.govwatch.validator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.StatTable;
import dev.govwatch.schemas.TableRow;
import dev.govwatch.schemas.template.CellRef;
import dev.govwatch.schemas.template.ReportTemplate;

/** Read access to one report's cells by table, row key and column, as the rules need it. */
public final class ReportFacts {

    /** Table 三's applicant columns, then its total. */
    public static final List<String> APPLICANTS = ReportTemplate.APPLICANTS;
    public static final List<String> T3_COLUMNS = ReportTemplate.T3_COLUMNS;
    /** Column names as a county office reads them. */
    public static final Map<String, String> COLUMN_NAMES = ReportTemplate.T3.columnNames();

    private final AnnualReport report;
    /**
     * Keyed by the parts, not by "table/row/column" text: building and hashing that text for every
     * cell of every report, and again for every lookup, was a fifth of the validator's thread under replay.
     */
    private final Map<CellRef, Cell> cells = new HashMap<>();
    private final Map<RowRef, TableRow> rows = new HashMap<>();
    private final Set<String> tables = new HashSet<>();

    private record RowRef(String table, String row) {
    }

    public ReportFacts(AnnualReport report) {
        this.report = report;
        for (StatTable table : report.getTables()) {
            tables.add(table.getId());
            for (TableRow row : table.getRows()) {
                rows.put(new RowRef(table.getId(), row.getKey()), row);
                for (Cell cell : row.getCells()) {
                    cells.put(new CellRef(table.getId(), row.getKey(), cell.getColumn()), cell);
                }
            }
        }
    }

    public AnnualReport report() {
        return report;
    }

    public boolean hasTable(String id) {
        return tables.contains(id);
    }

    public boolean hasRow(String table, String row) {
        return rows.containsKey(new RowRef(table, row));
    }

    public Optional<TableRow> row(String table, String row) {
        return Optional.ofNullable(rows.get(new RowRef(table, row)));
    }

    public Optional<Cell> cell(String table, String row, String column) {
        return Optional.ofNullable(cells.get(new CellRef(table, row, column)));
    }

    /**
     * The cell as a term of a sum: its number, 0 for a blank cell (blank means 0 in these tables),
     * empty when the cell is missing, not applicable, text or uncertain (then no sum is checked).
     */
    public Optional<Double> summand(String table, String row, String column) {
        Cell cell = cells.get(new CellRef(table, row, column));
        if (cell == null) {
            return Optional.empty();
        }
        if (cell.getKind() == CellKind.NUMBER) {
            return Optional.of(cell.getValue());
        }
        return cell.getKind() == CellKind.BLANK ? Optional.of(0d) : Optional.empty();
    }

    /** How a cell reads, for the template's identities. */
    public ReportTemplate.Reading reading(CellRef ref) {
        Cell cell = cells.get(ref);
        if (cell == null) {
            return ReportTemplate.Reading.NOT_PRINTED;
        }
        return switch (cell.getKind()) {
            case NUMBER -> ReportTemplate.Reading.NUMBER;
            case BLANK -> ReportTemplate.Reading.BLANK;
            default -> ReportTemplate.Reading.UNKNOWN;
        };
    }

    /** A NUMBER cell's value. */
    public Double number(CellRef ref) {
        Cell cell = cells.get(ref);
        return cell == null ? null : cell.getValue();
    }

    /** Row keys of a table that start with {@code prefix + "."}, e.g. the leaves of apps.withheld. */
    public List<String> rowsUnder(String table, String prefix) {
        return rows.keySet().stream().filter(k -> k.table().equals(table) && k.row().startsWith(prefix + "."))
                .map(RowRef::row).sorted().toList();
    }

    /** A figure for messages: integers without ".0". */
    public static String show(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
