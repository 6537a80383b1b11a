package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.govwatch.cli.export.Column;
import dev.govwatch.cli.export.ReportColumns;
import dev.govwatch.cli.export.ReportRow;
import dev.govwatch.cli.export.RowSink;
import dev.govwatch.extractor.Extraction;
import dev.govwatch.extractor.FlatReport;
import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.CellSource;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.UnreadCell;

/** The export's columns and its three formats, each read back by a reader that is not ours. */
class ExportFormatsTest {

    @Test
    void columnsAreUniqueStableAndNamedTheDocumentedWay() {
        List<String> names = ReportColumns.all().stream().map(Column::name).toList();
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names).contains("t3_granted_total", "t3_new_natural_person", "t3_withheld_state_secret_total",
                "t3_results_total", "t3_carried_out_total", "t4_reconsideration_corrected", "t4_litigation_after_review_total",
                "t2_regulations_in_force", "t2_procurement_amount", "old_apps_new", "agency", "province", "year", "unread_cells");
        // Fixed columns first, then tables 二, 三, 四 and the old table in template order.
        assertThat(names.indexOf("t2_regulations_issued")).isLessThan(names.indexOf("t3_new_natural_person"));
        assertThat(names.indexOf("t3_carried_out_total")).isLessThan(names.indexOf("t4_reconsideration_upheld"));
    }

    @Test
    void aReportRowHoldsTheCellsFlatReportReadsAndAnUnreadCellIsEmptyAndNamed() {
        AnnualReport report = report(41);
        Cell granted = cell(report, "apps.granted", "total");
        granted.setKind(CellKind.UNCERTAIN);
        granted.setValue(null);
        granted.setSource(CellSource.UNREAD);
        report.setUnreadCells(List.of(UnreadCell.newBuilder().setTable("T3").setRow("apps.granted").setColumn("total")
                .setLabel("表三（一）予以公开 总计").setReason("test").build()));
        Map<String, Object> row = ReportRow.of(report);
        Map<String, Object> flat = FlatReport.of(report);
        int compared = 0;
        for (Map.Entry<String, Object> e : flat.entrySet()) {
            int dot = e.getKey().lastIndexOf('.');
            if (e.getKey().startsWith("apps.") && dot > 0
                    && dev.govwatch.schemas.template.ReportTemplate.T3_COLUMNS.contains(e.getKey().substring(dot + 1))) {
                String column = ReportColumns.cellColumn("T3", e.getKey().substring(0, dot), e.getKey().substring(dot + 1));
                Object v = row.get(column);
                assertThat(v == null ? null : ((Number) v).doubleValue()).as(column)
                        .isEqualTo(e.getValue() == null ? null : ((Number) e.getValue()).doubleValue());
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(100);
        assertThat(row.get("t3_granted_total")).isNull();
        assertThat(row.get("unread_cells")).isEqualTo("T3/apps.granted/total");
        assertThat(row.keySet()).containsExactlyElementsOf(ReportColumns.all().stream().map(Column::name).toList());
    }

    @Test
    void parquetIsReadBackByDuckDbWithTheSameValuesAndNullsKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.parquet");
        AnnualReport a = report(42);
        AnnualReport b = report(43);
        cell(b, "apps.partial", "commercial").setKind(CellKind.UNCERTAIN);
        cell(b, "apps.partial", "commercial").setValue(null);
        try (RowSink sink = RowSink.open("parquet", ReportColumns.all(), file, null)) {
            sink.write(ReportRow.of(a));
            sink.write(ReportRow.of(b));
        }
        assertThat(ExportedParquet.columns(file)).containsExactlyElementsOf(ReportColumns.all().stream().map(Column::name).toList());
        List<Map<String, Object>> rows = ExportedParquet.rows(file);
        assertThat(rows).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Map<String, Object> expected = ReportRow.of(i == 0 ? a : b);
            Map<String, Object> read = rows.get(i);
            for (Column c : ReportColumns.all()) {
                Object want = expected.get(c.name());
                Object got = read.get(c.name());
                if (want instanceof Number n) {
                    assertThat(((Number) got).doubleValue()).as(c.name()).isEqualTo(n.doubleValue());
                } else {
                    assertThat(got == null ? null : got.toString()).as(c.name()).isEqualTo(want == null ? null : want.toString());
                }
            }
        }
        assertThat(rows.get(1).get("t3_partial_commercial")).isNull();
        assertThat(rows.get(0).get("agency")).isEqualTo("测试市测试县人民政府");
    }

    @Test
    void csvAndJsonLinesCarryTheSameRows(@TempDir Path dir) throws Exception {
        AnnualReport a = report(44);
        Map<String, Object> row = ReportRow.of(a);
        Path csv = dir.resolve("r.csv");
        try (RowSink sink = RowSink.open("csv", ReportColumns.all(), csv, null)) {
            sink.write(row);
        }
        // DuckDB's CSV reader, again not ours; the BOM is for Excel and must not become part of the first name.
        List<Map<String, Object>> read = csvRows(csv);
        assertThat(read).singleElement().satisfies(r -> {
            assertThat(r.get("report_key")).isEqualTo(row.get("report_key"));
            assertThat(((Number) r.get("t3_results_total")).doubleValue()).isEqualTo(((Number) row.get("t3_results_total")).doubleValue());
        });
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (RowSink sink = RowSink.open("jsonl", ReportColumns.all(), null, stdout)) {
            sink.write(row);
            sink.write(row);
        }
        List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        Map<?, ?> json = new ObjectMapper().readValue(lines.get(0), Map.class);
        assertThat(json.keySet()).hasSize(ReportColumns.all().size());
        assertThat(((Number) json.get("t3_results_total")).longValue()).isEqualTo(((Number) row.get("t3_results_total")).longValue());
        assertThatThrownBy(() -> RowSink.open("parquet", ReportColumns.all(), null, stdout)).hasMessageContaining("--out");
        assertThatThrownBy(() -> RowSink.open("xlsx", ReportColumns.all(), null, stdout)).hasMessageContaining("csv");
    }

    private static List<Map<String, Object>> csvRows(Path csv) throws Exception {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement();
             var rs = st.executeQuery("SELECT * FROM read_csv('" + csv + "', header = true)")) {
            while (rs.next()) {
                Map<String, Object> r = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    r.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                rows.add(r);
            }
        }
        return rows;
    }

    private static Cell cell(AnnualReport report, String row, String column) {
        return report.getTables().stream().filter(t -> t.getId().equals("T3")).flatMap(t -> t.getRows().stream())
                .filter(r -> r.getKey().equals(row)).flatMap(r -> r.getCells().stream()).filter(c -> c.getColumn().equals(column))
                .findFirst().orElseThrow();
    }

    private static AnnualReport report(int seed) {
        byte[] body = new Report2021Page(seed).html.getBytes(StandardCharsets.UTF_8);
        FetchedPage page = FetchedPage.newBuilder().setUrl("http://export.gov.cn/" + seed + ".html").setPortalId("x")
                .setFetchedAt(Instant.EPOCH).setHttpStatus(200).setContentType("text/html; charset=UTF-8")
                .setBody(java.nio.ByteBuffer.wrap(body)).setSha256("s" + seed).build();
        return ((Extraction.Report) new ReportExtractor().extract(page, Instant.EPOCH)).report();
    }
}
