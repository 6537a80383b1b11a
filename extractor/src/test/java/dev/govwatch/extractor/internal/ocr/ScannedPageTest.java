package dev.govwatch.extractor.internal.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Image preparation without the engine: a ruled table drawn, tilted as a scanner tilts it, is
 * straightened, its cells found from the rulings, and the rulings erased.
 */
class ScannedPageTest {

    private static final int COLUMNS = 8;
    private static final int ROWS = 12;

    @ParameterizedTest(name = "tilt {0}°")
    @ValueSource(doubles = {0.0, 0.7, -1.2, 2.0})
    void aTiltedRuledTableIsStraightenedAndItsCellsFound(double tilt) {
        BufferedImage page = tilted(table(), tilt);

        ScannedPage scanned = ScannedPage.of(page);

        assertThat(scanned.tiltDegrees()).isCloseTo(tilt, within(0.15));
        // every cell of the 8 × 12 grid, the label column's three merged cells as one
        assertThat(scanned.grid().cells()).hasSize((COLUMNS - 1) * ROWS + ROWS - 2);
        assertThat(scanned.grid().cells()).filteredOn(b -> b.width() > 400 && b.height() > 250).hasSize(1);
        // the rulings are gone; the "figures" (solid blocks) are still there
        RulingGrid.Box cell = scanned.grid().cells().stream().filter(b -> b.left() > 600).findFirst().orElseThrow();
        assertThat(scanned.ink(cell.left() + 5, cell.top() + 5, cell.width() - 10, cell.height() - 10)).isGreaterThan(100);
        RulingGrid.Box empty = scanned.grid().cells().stream().filter(b -> b.left() > 600 && b.top() > 1300).findFirst().orElseThrow();
        assertThat(scanned.ink(empty.left() + 5, empty.top() + 5, empty.width() - 10, empty.height() - 10)).isLessThan(40);
    }

    /**
     * A 2480 × 3508 page (A4 at 300 dpi) with a ruled table: a label column whose first 3 rows are
     * one merged cell, 7 figure columns; a block of ink in each figure cell of the first 6 rows.
     */
    private static BufferedImage table() {
        BufferedImage page = new BufferedImage(2480, 3508, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(3));
        int left = 300;
        int top = 600;
        int labelWidth = 500;
        int cellWidth = 200;
        int rowHeight = 100;
        int right = left + labelWidth + (COLUMNS - 1) * cellWidth;
        int bottom = top + ROWS * rowHeight;
        for (int r = 0; r <= ROWS; r++) {
            int y = top + r * rowHeight;
            // rows 1 and 2 of the label column are merged with row 0: their rulings start after it
            g.drawLine(r == 1 || r == 2 ? left + labelWidth : left, y, right, y);
        }
        g.drawLine(left, top, left, bottom);
        for (int c = 0; c < COLUMNS; c++) {
            int x = left + labelWidth + c * cellWidth;
            g.drawLine(x, top, x, bottom);
        }
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < COLUMNS - 1; c++) {
                g.fillRect(left + labelWidth + c * cellWidth + 80, top + r * rowHeight + 35, 24, 30);
            }
        }
        g.dispose();
        return page;
    }

    private static BufferedImage tilted(BufferedImage page, double degrees) {
        BufferedImage out = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(page, AffineTransform.getRotateInstance(Math.toRadians(degrees), page.getWidth() / 2.0,
                page.getHeight() / 2.0), null);
        g.dispose();
        return out;
    }
}
