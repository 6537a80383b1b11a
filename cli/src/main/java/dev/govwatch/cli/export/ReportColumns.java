package dev.govwatch.cli.export;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.govwatch.schemas.FormatGeneration;
import dev.govwatch.schemas.template.ReportTemplate;
import dev.govwatch.schemas.template.TemplateRow;
import dev.govwatch.schemas.template.TemplateTable;

/**
 * The columns of a report export: who and where, then one column per cell of every template
 * (tables 二, 三 and 四 of the 2019 and 2021 templates and the pre-2019 统计表), in template order,
 * whether or not a report has the cell, so that every export has the same columns. Cell columns are
 * named {@code t3_granted_total}: the table, the row key without its namespace, the column, in
 * snake case ({@code t3_withheld_state_secret_natural_person}, {@code t4_reconsideration_corrected},
 * {@code t2_regulations_in_force}, {@code old_apps_new}).
 */
public final class ReportColumns {

    /** The columns before the cells. */
    public static final List<Column> FIXED = List.of(
            new Column("report_key", Column.Type.STRING, "agency|year, the report's identity"),
            new Column("agency", Column.Type.STRING, "publishing agency as printed"),
            new Column("level", Column.Type.STRING, "PROVINCE, CITY, COUNTY, DEPARTMENT, TOWN or UNKNOWN"),
            new Column("year", Column.Type.LONG, "report year"),
            new Column("region_code", Column.Type.STRING, "6-digit 行政区划代码"),
            new Column("province", Column.Type.STRING, "省"),
            new Column("prefecture", Column.Type.STRING, "市"),
            new Column("county", Column.Type.STRING, "县"),
            new Column("format", Column.Type.STRING, "template: F2021, F2019 or PRE_2019"),
            new Column("read_by", Column.Type.STRING, "HTML, TEXT, PDF_TEXT, DOCX or OCR"),
            new Column("published", Column.Type.STRING, "publication date, yyyy-mm-dd"),
            new Column("url", Column.Type.STRING, "where the report was read"),
            new Column("portal_id", Column.Type.STRING, "portal it was found on"),
            new Column("title", Column.Type.STRING, "title as printed"),
            new Column("extractor_version", Column.Type.STRING, "version of the extractor that read it"),
            new Column("unread_cells", Column.Type.STRING,
                    "cells the extractor could not read (table/row/column; …): their columns are empty, which is not 0"),
            new Column("warnings", Column.Type.LONG, "number of extraction warnings"));

    private static final List<Column> ALL = build();

    private ReportColumns() {
    }

    /** Every column, fixed ones first. */
    public static List<Column> all() {
        return ALL;
    }

    /** The column of one cell. */
    public static String cellColumn(String table, String rowKey, String column) {
        String t = table.toLowerCase(Locale.ROOT);
        if (table.equals("OLD")) {
            return t + "_" + snake(rowKey);
        }
        int dot = rowKey.indexOf('.');
        return t + "_" + snake(dot < 0 ? rowKey : rowKey.substring(dot + 1)) + "_" + snake(column);
    }

    static String snake(String key) {
        return key.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static List<Column> build() {
        List<Column> columns = new ArrayList<>(FIXED);
        for (TemplateRow row : ReportTemplate.T2_ROWS) {
            Set<String> cells = new LinkedHashSet<>(ReportTemplate.t2Columns(row.key(), FormatGeneration.GEN_2021));
            cells.addAll(ReportTemplate.t2Columns(row.key(), FormatGeneration.GEN_2019));
            for (String c : cells) {
                columns.add(new Column(cellColumn("T2", row.key(), c), Column.Type.DOUBLE,
                        "表二 " + row.label() + " " + ReportTemplate.T2_COLUMN_NAMES.getOrDefault(c, c)));
            }
        }
        for (TemplateTable table : List.of(ReportTemplate.T3, ReportTemplate.T4, ReportTemplate.OLD)) {
            for (TemplateRow row : table.rows()) {
                for (String c : table.columns()) {
                    columns.add(new Column(cellColumn(table.id(), row.key(), c), Column.Type.DOUBLE,
                            table.name() + row.label() + " " + table.columnNames().getOrDefault(c, c)));
                }
            }
        }
        return List.copyOf(columns);
    }
}
