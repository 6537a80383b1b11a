package dev.govwatch.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.govwatch.samples.Renderings;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.CellSource;
import dev.govwatch.schemas.template.ReportTemplate;

/**
 * Rows without arithmetic (table 二) whose figures were run together, and group labels cut in
 * two by a narrow cell.
 */
class RunTogetherFiguresTest {

    /**
     * No figure is printed with a leading zero, so {@code 000} over three cells can only be 0, 0, 0
     * and is read; {@code 12387} splits six ways (or is one figure, the others left out) and stays
     * unread, named. Before, both
     * were "该行印为 …，无法对应各栏" and every one-line report drew an INCOMPLETE alert for 规章.
     */
    @Test
    void aRunWithOnlyOneSplitWithoutLeadingZerosIsReadEvenWithoutArithmetic() {
        Renderings.Rendered rendered = Renderings.render(new Report2021Page(90_817), Renderings.Shape.ONE_LINE);
        AnnualReport report = extract(rendered.body(), rendered.contentType());

        List<Cell> regulations = cells(report, "T2", "active.regulations");
        assertThat(regulations).hasSize(3).allSatisfy(c -> {
            assertThat(c.getKind()).isEqualTo(CellKind.NUMBER);
            assertThat(c.getValue()).isEqualTo(0d);
            assertThat(c.getSource()).isEqualTo(CellSource.SPLIT_BY_ARITHMETIC);
        });
        List<Cell> normative = cells(report, "T2", "active.normativeDocuments");
        assertThat(normative).hasSize(3).allSatisfy(c -> {
            assertThat(c.getKind()).isEqualTo(CellKind.UNCERTAIN);
            assertThat(c.getRaw()).contains("12387");
        });
        assertThat(report.getUnreadCells()).anyMatch(u -> u.getTable().equals("T2") && u.getRow().equals("active.normativeDocuments"))
                .noneMatch(u -> u.getTable().equals("T2") && u.getRow().equals("active.regulations"));
    }

    /**
     * A PDF printed from Word wraps a group's label in its narrow cell ("（五）不予" / "处理"); read by
     * glyph positions, the first piece lands in front of the row beside it. The row is still found.
     */
    @Test
    void aRowWithAPieceOfItsGroupLabelInFrontIsFound() {
        Report2021Page figures = new Report2021Page(31);
        String pipes = new String(Renderings.render(figures, Renderings.Shape.PIPES).body(), StandardCharsets.UTF_8)
                .replace("（五）不予处理 | 1.信访举报投诉类申请", "1.信访举报投诉类申请")
                .replace("2.重复申请", "（五）不予2.重复申请")
                .replace("（三）不予公开 | 1.属于国家秘密", "1.属于国家秘密")
                .replace("4.保护第三方合法权益", "（三）不予4.保护第三方合法权益");
        assertThat(pipes).contains("（五）不予2.重复申请 |");
        AnnualReport report = extract(pipes.getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8");

        for (Map.Entry<String, long[]> row : figures.t3.entrySet()) {
            List<Cell> cells = cells(report, "T3", row.getKey());
            assertThat(cells).as(row.getKey()).hasSize(7);
            for (int c = 0; c < 7; c++) {
                assertThat(cells.get(c).getValue()).as("%s %s", row.getKey(), ReportTemplate.T3_COLUMNS.get(c))
                        .isEqualTo((double) row.getValue()[c]);
            }
        }
        assertThat(report.getUnreadCells()).isEmpty();
    }

    private static List<Cell> cells(AnnualReport report, String table, String row) {
        return report.getTables().stream().filter(t -> t.getId().equals(table)).flatMap(t -> t.getRows().stream())
                .filter(r -> r.getKey().equals(row)).flatMap(r -> r.getCells().stream()).toList();
    }

    private static AnnualReport extract(byte[] body, String contentType) {
        Extraction extraction = new ReportExtractor().extract(PageShapes.page(body, contentType, "http://test.gov.cn/run"),
                Instant.EPOCH);
        assertThat(extraction).isInstanceOf(Extraction.Report.class);
        return ((Extraction.Report) extraction).report();
    }
}
