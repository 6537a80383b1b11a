package dev.govwatch.extractor.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import java.awt.image.BufferedImage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

import dev.govwatch.extractor.internal.ocr.OcrPageReader;
import dev.govwatch.extractor.internal.ocr.Tesseract;
import dev.govwatch.schemas.ReadMethod;

/**
 * Reports published as attachments: PDF text in reading order (page footers such as "- 3 -"
 * dropped; table rows come out as a label followed by its numbers), and DOCX paragraphs and tables
 * (rows as {@code |}-separated lines, merged cells left blank after their first).
 */
public final class Attachments {

    private static final Pattern PAGE_FOOTER = Pattern.compile("^[-—–_\\s]*\\d{1,3}[-—–_\\s]*$|^第\\s*\\d+\\s*页.*$");
    /** Bounds against hostile files. */
    private static final int MAX_PDF_PAGES = 200;
    /** A page with fewer text glyphs than this and an image is read by OCR. */
    private static final int MIN_TEXT_GLYPHS = 20;
    private static final float OCR_DPI = 300f;
    /** Annual reports run to 5–20 pages; 40 pages of OCR take under three minutes. */
    static final int MAX_OCR_PAGES = 40;

    private Attachments() {
    }

    /**
     * A PDF's text. Where the pages hold tables (three or more lines of figures), the lines are laid
     * out from the glyphs' positions ({@link GlyphLines}): each table row one delimited line with its
     * whole label, however the label cell wrapped it. Otherwise PDFBox's text flow, sorted by position.
     */
    public static ReportDocument pdf(byte[] bytes) throws IOException {
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            GlyphCollector stripper = new GlyphCollector();
            stripper.setSortByPosition(true);
            int pages = Math.min(doc.getNumberOfPages(), MAX_PDF_PAGES);
            stripper.setEndPage(pages);
            String flow = stripper.getText(doc);
            List<Integer> scanned = imagePages(doc, pages, stripper.glyphs);
            List<GlyphLines.Glyph> glyphs = new ArrayList<>(stripper.glyphs);
            if (scanned.size() > MAX_OCR_PAGES) {
                throw new IOException(scanned.size() + " pages are images without text, over the bound of " + MAX_OCR_PAGES
                        + " OCR'd pages per document (about 4 s a page; a longer scan would hold the stream thread past"
                        + " its poll interval)");
            }
            if (!scanned.isEmpty()) {
                Tesseract engine = Tesseract.find().orElseThrow(() -> new IOException(
                        (scanned.size() == pages ? "its " + pages + " page(s) are" : "page(s) " + pages(scanned) + " are")
                                + " images without text and " + Tesseract.missing()));
                glyphs.addAll(ocr(doc, scanned, new OcrPageReader(engine)));
            }
            List<String> laidOut = GlyphLines.layout(glyphs);
            long rows = laidOut.stream().filter(l -> l.contains(" | ")).count();
            List<String> lines = new ArrayList<>();
            for (String line : rows >= 3 || !scanned.isEmpty() ? laidOut : List.of(flow.split("\\R"))) {
                if (!PAGE_FOOTER.matcher(line.strip()).matches()) {
                    lines.add(line);
                }
            }
            return new ReportDocument(lines, java.util.Collections.nCopies(lines.size(), null),
                    String.join("\n", lines.subList(0, Math.min(lines.size(), 15))), Map.of(),
                    scanned.isEmpty() ? ReadMethod.PDF_TEXT : ReadMethod.OCR);
        }
    }

    /**
     * Pages (1-based) with almost no text but an image: a scan, or a page printed to an image. A
     * page with a line or two of text (a stamp's caption, a page number) over a scan still counts.
     */
    private static List<Integer> imagePages(PDDocument doc, int pages, List<GlyphLines.Glyph> glyphs) {
        int[] text = new int[pages + 1];
        for (GlyphLines.Glyph g : glyphs) {
            if (g.page() <= pages && !g.text().isBlank()) {
                text[g.page()]++;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int p = 1; p <= pages; p++) {
            if (text[p] < MIN_TEXT_GLYPHS && hasImage(doc.getPage(p - 1).getResources(), 0)) {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean hasImage(PDResources resources, int depth) {
        if (resources == null || depth > 4) {
            return false;
        }
        for (COSName name : resources.getXObjectNames()) {
            try {
                PDXObject x = resources.getXObject(name);
                if (x instanceof PDImageXObject || x instanceof PDFormXObject form && hasImage(form.getResources(), depth + 1)) {
                    return true;
                }
            } catch (IOException e) {
                // an unreadable object is not an image we could OCR
            }
        }
        return false;
    }

    /**
     * The OCR'd words of the image pages as glyphs, in image pixels (GlyphLines works in each
     * page's own units: its thresholds are relative to the glyphs' heights).
     */
    private static List<GlyphLines.Glyph> ocr(PDDocument doc, List<Integer> pages, OcrPageReader reader) throws IOException {
        PDFRenderer renderer = new PDFRenderer(doc);
        List<GlyphLines.Glyph> glyphs = new ArrayList<>();
        for (int page : pages) {
            PDRectangle box = doc.getPage(page - 1).getMediaBox();
            // 300 dpi puts a 10.5 pt character at about 44 pixels, where Tesseract reads best; a page
            // larger than A3 is rendered at a lower resolution so that it stays under the pixel bound.
            float dpi = (float) Math.min(OCR_DPI, Math.sqrt(Tesseract.MAX_PIXELS * 0.9 / (box.getWidth() * box.getHeight())) * 72);
            BufferedImage image = renderer.renderImageWithDPI(page - 1, dpi, ImageType.GRAY);
            glyphs.addAll(reader.read(image, page));
        }
        return glyphs;
    }

    private static String pages(List<Integer> pages) {
        return String.join(", ", pages.stream().map(String::valueOf).toList());
    }

    /** The text flow, and every glyph with its position on the way. */
    private static final class GlyphCollector extends PDFTextStripper {
        final List<GlyphLines.Glyph> glyphs = new ArrayList<>();

        GlyphCollector() throws IOException {
        }

        @Override
        protected void writeString(String text, List<TextPosition> positions) throws IOException {
            for (TextPosition p : positions) {
                // The font size, not getHeightDir: glyph heights come out a third of the size for some fonts,
                // and labels and figures in different fonts sit a point or two apart on one row.
                float size = p.getFontSizeInPt() > 0 ? p.getFontSizeInPt() : p.getHeightDir();
                glyphs.add(new GlyphLines.Glyph(p.getUnicode(), p.getXDirAdj(), p.getYDirAdj(), p.getWidthDirAdj(),
                        size, getCurrentPageNo()));
            }
            super.writeString(text, positions);
        }
    }

    public static ReportDocument docx(byte[] bytes) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            List<String> lines = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            for (IBodyElement element : doc.getBodyElements()) {
                if (element instanceof XWPFParagraph paragraph) {
                    String text = paragraph.getText();
                    if (!text.isBlank()) {
                        lines.add(text);
                        rows.add(null);
                    }
                } else if (element instanceof XWPFTable table) {
                    for (XWPFTableRow row : table.getRows()) {
                        List<String> cells = new ArrayList<>();
                        for (XWPFTableCell cell : row.getTableCells()) {
                            cells.add(cell.getText().replace('\n', ' '));
                            int span = cell.getCTTc().getTcPr() != null && cell.getCTTc().getTcPr().getGridSpan() != null
                                    ? cell.getCTTc().getTcPr().getGridSpan().getVal().intValue() : 1;
                            for (int i = 1; i < span; i++) {
                                cells.add("");
                            }
                        }
                        lines.add(String.join(" | ", cells));
                        rows.add(cells);
                    }
                }
            }
            return new ReportDocument(lines, rows, String.join("\n", lines.subList(0, Math.min(lines.size(), 15))), Map.of(),
                    ReadMethod.DOCX);
        }
    }
}
