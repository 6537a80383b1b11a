package dev.govwatch.extractor.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.govwatch.schemas.template.ReportTemplate;

/**
 * Table 三's applicant columns in the order the page's own header prints them. The reader takes a
 * row's figures by position, in the template's order; a table whose header puts its columns in
 * another order (总计 first, 法人或其他组织 before 自然人) would be read with every figure in the
 * wrong column, and since each row's total is still the sum of its six cells no identity would
 * catch it. Where every one of the seven columns is named once by the header's leaf cells and
 * their order is not the template's, the data cells of each row are put in the template's order.
 * A header that names fewer, more or unknown columns changes nothing: the reader's width checks
 * then name what does not fit.
 */
public final class HeaderColumns {

    /**
     * Leaf header text (normalized, spaces removed) → column key: the template's own column names,
     * and the other names county offices print for them.
     */
    private static final Map<String, String> NAMES = new HashMap<>();

    static {
        ReportTemplate.T3.columnNames().forEach((key, name) -> NAMES.put(normalized(name), key));
        for (String other : List.of("其他", "其他法人或其他组织", "其他组织")) {
            NAMES.put(normalized(other), "otherOrg");
        }
        NAMES.put(normalized("合计"), "total");
    }

    private static final Pattern FIGURE = Pattern.compile("^[0-9０-９]+$");

    /** What {@link #toTemplateOrder} did: the grid to read, and a note when it moved columns. */
    public record Reordered(List<List<String>> grid, String note) {
    }

    private HeaderColumns() {
    }

    /** The grid with table 三's data cells in the template's column order, where its header prints another. */
    public static Reordered toTemplateOrder(List<List<String>> grid) {
        int headerRows = 0;
        while (headerRows < grid.size() && grid.get(headerRows).stream().noneMatch(c -> FIGURE.matcher(c.strip()).matches())) {
            headerRows++;
        }
        if (headerRows == 0 || headerRows == grid.size()) {
            return new Reordered(grid, null);
        }
        int width = grid.stream().mapToInt(List::size).max().orElse(0);
        List<Integer> positions = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            String leaf = null;
            for (int r = 0; r < headerRows; r++) {
                List<String> row = grid.get(r);
                if (c < row.size() && !row.get(c).isBlank()) {
                    leaf = row.get(c);
                }
            }
            String key = leaf == null ? null : keyOf(leaf);
            if (key != null) {
                positions.add(c);
                keys.add(key);
            }
        }
        List<String> template = ReportTemplate.T3_COLUMNS;
        if (keys.size() != template.size() || !keys.containsAll(template) || keys.equals(template)) {
            return new Reordered(grid, null);
        }
        List<List<String>> out = new ArrayList<>(grid.subList(0, headerRows));
        for (List<String> row : grid.subList(headerRows, grid.size())) {
            List<String> moved = new ArrayList<>(row);
            for (int j = 0; j < template.size(); j++) {
                int from = positions.get(keys.indexOf(template.get(j)));
                int to = positions.get(j);
                if (to < moved.size()) {
                    moved.set(to, from < row.size() ? row.get(from) : "");
                }
            }
            out.add(moved);
        }
        List<String> printed = keys.stream().map(k -> ReportTemplate.T3.columnNames().get(k)).toList();
        return new Reordered(out, "表三 prints its columns in another order (" + String.join("、", printed)
                + "): figures read by their headers");
    }

    private static String keyOf(String header) {
        return NAMES.get(normalized(header));
    }

    private static String normalized(String text) {
        return Text.normalize(text).replaceAll("\\s+", "");
    }
}
