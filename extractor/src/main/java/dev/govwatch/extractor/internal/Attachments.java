package dev.govwatch.extractor.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * Reports published as attachments: PDF text in reading order (page footers such as "- 3 -"
 * dropped; table rows come out as a label followed by its numbers), and DOCX paragraphs and tables
 * (rows as {@code |}-separated lines, merged cells left blank after their first).
 */
public final class Attachments {

    private static final Pattern PAGE_FOOTER = Pattern.compile("^[-—–_\\s]*\\d{1,3}[-—–_\\s]*$|^第\\s*\\d+\\s*页.*$");
    /** Bounds against hostile files. */
    private static final int MAX_PDF_PAGES = 200;

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
            stripper.setEndPage(Math.min(doc.getNumberOfPages(), MAX_PDF_PAGES));
            String flow = stripper.getText(doc);
            List<String> laidOut = GlyphLines.layout(stripper.glyphs);
            long rows = laidOut.stream().filter(l -> l.contains(" | ")).count();
            List<String> lines = new ArrayList<>();
            for (String line : rows >= 3 ? laidOut : List.of(flow.split("\\R"))) {
                if (!PAGE_FOOTER.matcher(line.strip()).matches()) {
                    lines.add(line);
                }
            }
            return new ReportDocument(lines, String.join("\n", lines.subList(0, Math.min(lines.size(), 15))), Map.of());
        }
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
            return new ReportDocument(lines, rows, String.join("\n", lines.subList(0, Math.min(lines.size(), 15))), Map.of());
        }
    }
}
