package dev.govwatch.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.govwatch.extractor.internal.ocr.Tesseract;
import dev.govwatch.schemas.FetchedPage;

/** A PDF of page images where OCR is not installed: a dead letter that says so, never a report without tables. */
class ScannedPdfWithoutOcrTest {

    @AfterEach
    void engineBack() {
        System.clearProperty(Tesseract.COMMAND_PROPERTY);
    }

    @Test
    void anImageOnlyPdfIsUnreadableWithTheReasonWhenOcrIsMissing() throws Exception {
        System.setProperty(Tesseract.COMMAND_PROPERTY, "/nonexistent/tesseract");

        Extraction result = new ReportExtractor().extract(page(imagePdf()), Instant.EPOCH);

        assertThat(result).isInstanceOf(Extraction.Unreadable.class);
        assertThat(((Extraction.Unreadable) result).reason())
                .contains("page(s) are images without text")
                .contains("OCR is not installed")
                .contains("scripts/install-ocr");
    }

    private static byte[] imagePdf() throws Exception {
        BufferedImage image = new BufferedImage(600, 800, BufferedImage.TYPE_BYTE_GRAY);
        var g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 600, 800);
        g.setColor(Color.BLACK);
        g.fillRect(100, 100, 400, 20);
        g.dispose();
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.drawImage(LosslessFactory.createFromImage(doc, image), 0, 0, PDRectangle.A4.getWidth(),
                        PDRectangle.A4.getHeight());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static FetchedPage page(byte[] body) {
        return PageShapes.page(body, "application/pdf", "http://test.gov.cn/scan.pdf");
    }
}
