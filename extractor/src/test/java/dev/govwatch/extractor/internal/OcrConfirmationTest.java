package dev.govwatch.extractor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.CellSource;
import dev.govwatch.schemas.StatTable;
import dev.govwatch.schemas.TableRow;
import dev.govwatch.schemas.template.ReportTemplate;

/** The arithmetic's word on OCR'd figures: confirms the engine's doubtful readings, withdraws broken ones. */
class OcrConfirmationTest {

    @Test
    void aDoubtfulFigureThatCompletesItsRowIsConfirmed() {
        StatTable t4 = t4(cell("72"), cell("64"), doubtful("178"), cell("37"), cell("351"));

        Cell other = OcrConfirmation.apply(List.of(t4)).get(0).getRows().get(0).getCells().get(2);

        assertThat(other.getKind()).isEqualTo(CellKind.NUMBER);
        assertThat(other.getValue()).isEqualTo(178d);
        assertThat(other.getSource()).isEqualTo(CellSource.OCR_CONFIRMED);
        assertThat(other.getRaw()).isEqualTo("178");
    }

    @Test
    void aDoubtfulFigureThatBreaksItsRowStaysUncertain() {
        StatTable t4 = t4(cell("72"), cell("64"), doubtful("173"), cell("37"), cell("351"));

        List<Cell> cells = OcrConfirmation.apply(List.of(t4)).get(0).getRows().get(0).getCells();

        assertThat(cells).extracting(Cell::getKind).containsExactly(CellKind.NUMBER, CellKind.NUMBER, CellKind.UNCERTAIN,
                CellKind.NUMBER, CellKind.NUMBER);
    }

    @Test
    void confidentFiguresThatBreakAnIdentityAreWithdrawnNotReportedAsTheReportsError() {
        StatTable t4 = t4(cell("72"), cell("64"), cell("173"), cell("37"), cell("351"));

        List<Cell> cells = OcrConfirmation.apply(List.of(t4)).get(0).getRows().get(0).getCells();

        // any one of them may be the misread one
        assertThat(cells).extracting(Cell::getKind).containsOnly(CellKind.UNCERTAIN);
        assertThat(cells.get(0).getRaw()).contains("OCR 读作 72").contains("勾稽关系不成立");
    }

    @Test
    void twoDoubtfulFiguresInOneIdentityAreNotConfirmedByItAlone() {
        StatTable t4 = t4(cell("72"), doubtful("64"), doubtful("178"), cell("37"), cell("351"));

        List<Cell> cells = OcrConfirmation.apply(List.of(t4)).get(0).getRows().get(0).getCells();

        assertThat(cells.get(1).getKind()).isEqualTo(CellKind.UNCERTAIN);
        assertThat(cells.get(2).getKind()).isEqualTo(CellKind.UNCERTAIN);
        assertThat(cells.get(0).getKind()).isEqualTo(CellKind.NUMBER);
    }

    @Test
    void figuresFromATextLayerAreNeverWithdrawn() {
        Cell printed = Cell.newBuilder().setColumn("total").setKind(CellKind.NUMBER).setValue(350d).setRaw("350")
                .setSource(CellSource.PRINTED).build();
        StatTable t4 = t4(cell("72"), cell("64"), cell("178"), cell("37"), printed);

        List<Cell> cells = OcrConfirmation.apply(List.of(t4)).get(0).getRows().get(0).getCells();

        assertThat(cells.get(4).getKind()).isEqualTo(CellKind.NUMBER);
        assertThat(cells.get(0).getKind()).isEqualTo(CellKind.UNCERTAIN);
    }

    private static StatTable t4(Cell... cells) {
        List<Cell> row = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            row.add(Cell.newBuilder(cells[i]).setColumn(ReportTemplate.T4_COLUMNS.get(i)).build());
        }
        return StatTable.newBuilder().setId("T4").setColumns(ReportTemplate.T4_COLUMNS)
                .setRows(List.of(TableRow.newBuilder().setKey("review.reconsideration").setLabel("行政复议").setCells(row).build()))
                .build();
    }

    private static Cell cell(String figure) {
        return Cell.newBuilder().setColumn("c").setKind(CellKind.NUMBER).setValue(Double.parseDouble(figure)).setRaw(figure)
                .setSource(CellSource.OCR).setConfidence(0.95f).build();
    }

    private static Cell doubtful(String figure) {
        return Cell.newBuilder().setColumn("c").setKind(CellKind.UNCERTAIN).setValue(null).setRaw("□" + figure)
                .setSource(CellSource.UNREAD).setConfidence(0.6f).build();
    }
}
