package dev.govwatch.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.govwatch.samples.Renderings;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.template.ReportTemplate;

/**
 * Text renderings that leave zeros blank and drop the blank cells: a row of zeros then prints its
 * label alone, followed directly by the next row's label.
 */
class DroppedCellsTest {

    /**
     * Such a row is read as a row of blanks that the table's identities must confirm, not lost: every
     * cell is 0 where the identities decide it, else named as unread; never another figure. Before,
     * the label-only line was skipped, the row counted as missing, and every identity through it
     * (each column's （七）总计) went unchecked, leaving its neighbours uncertain as well.
     */
    @Test
    void aLeafRowPrintedAsItsLabelAloneIsReadAsZerosConfirmedByTheIdentities() {
        int zeroRows = 0;
        int decided = 0;
        for (int seed = 1; seed <= 10; seed++) {
            Report2021Page figures = new Report2021Page(seed);
            Renderings.Rendered rendered = Renderings.render(figures, Renderings.Shape.DROPPED_ZEROS,
                    Renderings.Template.GEN_2021);
            AnnualReport report = extract(rendered);
            for (Map.Entry<String, long[]> row : Renderings.expectedT3(figures, Renderings.Template.GEN_2021).entrySet()) {
                boolean leaf = ReportTemplate.T3.children(row.getKey()).isEmpty();
                if (!leaf || Arrays.stream(row.getValue()).anyMatch(v -> v != 0)) {
                    continue;
                }
                zeroRows++;
                List<Cell> cells = cells(report, row.getKey());
                assertThat(cells).as("seed %d row %s is read, not lost", seed, row.getKey()).hasSize(7);
                boolean allZero = true;
                for (Cell cell : cells) {
                    if (cell.getKind() == CellKind.UNCERTAIN) {
                        allZero = false;
                        assertThat(report.getUnreadCells()).as("seed %d %s/%s named", seed, row.getKey(), cell.getColumn())
                                .anyMatch(u -> u.getRow().equals(row.getKey())
                                        && cell.getColumn().equals(u.getColumn()));
                    } else {
                        assertThat(cell.getValue()).as("seed %d %s/%s", seed, row.getKey(), cell.getColumn())
                                .isEqualTo(0d);
                    }
                }
                decided += allZero ? 1 : 0;
            }
        }
        assertThat(zeroRows).as("the sample draws rows of zeros").isPositive();
        assertThat(decided).as("rows of zeros decided by the identities, of %d", zeroRows).isPositive();
    }

    private static List<Cell> cells(AnnualReport report, String row) {
        List<Cell> out = new ArrayList<>();
        report.getTables().stream().filter(t -> t.getId().equals("T3")).flatMap(t -> t.getRows().stream())
                .filter(r -> r.getKey().equals(row)).forEach(r -> out.addAll(r.getCells()));
        return out;
    }

    private static AnnualReport extract(Renderings.Rendered rendered) {
        Extraction extraction = new ReportExtractor().extract(
                PageShapes.page(rendered.body(), rendered.contentType(), "http://test.gov.cn/dropped"), Instant.EPOCH);
        assertThat(extraction).isInstanceOf(Extraction.Report.class);
        return ((Extraction.Report) extraction).report();
    }
}
