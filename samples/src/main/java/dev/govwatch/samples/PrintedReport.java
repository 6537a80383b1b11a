package dev.govwatch.samples;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The report as an office prints it to PDF from Word: text with its glyphs at known positions,
 * tables ruled cell by cell — labels wrapped inside narrow cells and centred on their row, the
 * group labels of table 三 in their own column beside their rows, 三、本年度办理结果 down the side
 * one character per line, table 三 continued on the next page with its header repeated, page
 * numbers at the foot of each page. How much prose comes before the tables depends on the seed,
 * so the page break falls on a different row from report to report.
 *
 * <p>Needs a TrueType font that draws Chinese (Debian's fonts-wqy-microhei, which
 * scripts/install-ocr and scripts/install-browser install); {@link #canPrint()} says whether one
 * is installed.
 */
public final class PrintedReport {

    private static final float LEFT = 36;
    private static final float TOP = 60;
    private static final float BOTTOM = 70;
    private static final float BODY = 10.5f;
    private static final float SMALL = 9f;
    private static final float LEADING = 1.35f;
    private static final float PAD = 3f;
    private static final Path[] FONT_DIRS = {Path.of("/usr/share/fonts"), Path.of("/usr/local/share/fonts"),
        Path.of(System.getProperty("user.home"), ".fonts"), Path.of(System.getProperty("user.home"), ".local/share/fonts")};
    private static volatile Optional<Path> font;

    private PrintedReport() {
    }

    /** Whether a TrueType font that draws Chinese is installed. */
    public static boolean canPrint() {
        return chineseFont().isPresent();
    }

    /** The report of {@code figures} as a text PDF, on the 2021 template or (a 2020 report) the 2019 one. */
    public static byte[] pdf(Report2021Page figures, boolean y2019, long seed) {
        Path file = chineseFont().orElseThrow(() -> new IllegalStateException(
                "no TrueType font with Chinese glyphs is installed (scripts/install-ocr installs fonts-wqy-microhei)"));
        try (PDDocument doc = new PDDocument(); FontSource source = FontSource.open(file)) {
            Sheet sheet = new Sheet(doc, PDType0Font.load(doc, source.font, true));
            write(sheet, figures, y2019, new Random(seed));
            sheet.finish();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Sheet s, Report2021Page f, boolean y2019, Random random) throws IOException {
        String year = y2019 ? "2020" : "2024";
        s.centred("测试县人民政府" + year + "年政府信息公开工作年度报告", 15f);
        s.gap(8);
        s.paragraph("本报告所列数据的统计期限自" + year + "年1月1日起至" + year + "年12月31日止。");
        s.paragraph("一、总体情况");
        s.paragraph(year + "年，我县持续推进主动公开、依申请公开、政府信息管理、平台建设和监督保障工作，全年共收到政府信息公开申请"
                + f.t3.get("apps.new")[6] + "件。");
        // Prose of a length that moves the page break from report to report.
        for (int p = random.nextInt(6); p > 0; p--) {
            s.paragraph("围绕重点领域信息公开，及时发布财政预决算、重大建设项目、公共资源配置、社会公益事业等信息，"
                    + "回应社会关切，做好政策解读，推动政务公开标准化规范化建设，提升政务服务水平。");
        }
        s.paragraph("二、主动公开政府信息情况");
        float[] t2 = {150, 120, 120, 120};
        s.row(t2, List.of(new Text("第二十条第（一）项", 0, 4)));
        s.row(t2, y2019 ? texts("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量")
                : texts("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"));
        s.row(t2, texts("规章", "0", "0", "0"));
        s.row(t2, texts(y2019 ? "规范性文件" : "行政规范性文件", "12", "3", "87"));
        s.row(t2, List.of(new Text("第二十条第（五）项", 0, 4)));
        if (y2019) {
            s.row(t2, texts("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"));
            s.row(t2, texts("行政许可", "20", "0", "5612"));
        } else {
            s.row(t2, List.of(new Text("信息内容", 0, 1), new Text("本年处理决定数量", 1, 3)));
            s.row(t2, List.of(new Text("行政许可", 0, 1), new Text("5612", 1, 3)));
        }
        s.gap(6);
        s.paragraph("三、收到和处理政府信息公开申请情况");
        table3(s, f, y2019);
        s.gap(6);
        s.paragraph("四、政府信息公开行政复议、行政诉讼情况");
        float[] t4 = new float[15];
        java.util.Arrays.fill(t4, 35);
        s.keep(90);
        s.header(t4, List.of(new Text("行政复议", 0, 5, 2), new Text("行政诉讼", 5, 10)), List.of(
                new Text("未经复议直接起诉", 5, 5), new Text("复议后起诉", 10, 5)), results(0, 15));
        List<Text> figures = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            figures.add(new Text(Long.toString(f.t4[i]), i, 1));
        }
        s.row(t4, figures);
        s.gap(6);
        s.paragraph("五、存在的主要问题及改进情况");
        s.paragraph("政务公开工作仍有不足，下一步将加强培训。");
        s.paragraph("六、其他需要报告的事项");
        s.paragraph("本年度未收取信息处理费。");
    }

    private static List<Text> results(int from, int count) {
        List<Text> out = new ArrayList<>();
        String[] heads = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
        for (int i = 0; i < count; i++) {
            out.add(new Text(heads[i % 5], from + i, 1));
        }
        return out;
    }

    /**
     * Table 三 in the official layout: three label columns (the side label, the group labels, the
     * rows' own labels), seven figure columns, its three header rows repeated on each page.
     */
    private static void table3(Sheet s, Report2021Page f, boolean y2019) throws IOException {
        float[] widths = {20, 58, 130, 45, 45, 45, 45, 45, 45, 45};
        List<Text> h1 = List.of(new Text("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 0, 3, 3),
                new Text("申请人情况", 3, 7));
        List<Text> h2 = List.of(new Text("自然人", 3, 1, 2), new Text("法人或其他组织", 4, 5), new Text("总计", 9, 1, 2));
        List<Text> h3 = List.of(new Text("商业企业", 4, 1), new Text("科研机构", 5, 1), new Text("社会公益组织", 6, 1),
                new Text("法律服务机构", 7, 1), new Text("其他", 8, 1));
        s.keep(150);
        s.header(widths, h1, h2, h3);
        s.repeatHeader(widths, h1, h2, h3);
        List<Renderings.Row> rows = Renderings.t3Rows(f, y2019);
        // The rows of 三、本年度办理结果 and of each group, for the spanning labels beside them.
        int resultsFrom = -1;
        int resultsTo = -1;
        List<int[]> groups = new ArrayList<>();
        List<String> groupLabels = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<String> labels = rows.get(i).labels();
            if (labels.get(0).startsWith("三、")) {
                resultsFrom = i;
            }
            if (labels.get(labels.size() - 1).startsWith("（七）")) {
                resultsTo = i;
            }
            boolean leaf = Character.isDigit(labels.get(labels.size() - 1).charAt(0));
            if (labels.size() > 1 && leaf) {
                groups.add(new int[] {i, i});
                groupLabels.add(labels.get(labels.size() - 2));
            } else if (leaf) {
                groups.get(groups.size() - 1)[1] = i;
            }
        }
        List<Sheet.Span> spans = new ArrayList<>();
        spans.add(new Sheet.Span("三、本年度办理结果", 0, resultsFrom, resultsTo, true));
        for (int g = 0; g < groups.size(); g++) {
            spans.add(new Sheet.Span(groupLabels.get(g), 1, groups.get(g)[0], groups.get(g)[1], false));
        }
        List<List<Text>> cells = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Renderings.Row r = rows.get(i);
            String own = r.labels().get(r.labels().size() - 1);
            boolean leaf = Character.isDigit(own.charAt(0));
            boolean inResults = i >= resultsFrom && i <= resultsTo;
            List<Text> row = new ArrayList<>();
            row.add(leaf ? new Text(own, 2, 1) : inResults ? new Text(own, 1, 2) : new Text(own, 0, 3));
            for (int c = 0; c < 7; c++) {
                row.add(new Text(Long.toString(r.values()[c]), 3 + c, 1));
            }
            cells.add(row);
        }
        s.spannedRows(widths, cells, spans);
        s.repeatHeader(null, null, null, null);
    }

    private static List<Text> texts(String... cells) {
        List<Text> out = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            out.add(new Text(cells[i], i, 1));
        }
        return out;
    }

    /** A cell's text: the column it starts in, how many columns and rows it spans. */
    record Text(String text, int column, int columns, int rows) {
        Text(String text, int column, int columns) {
            this(text, column, columns, 1);
        }
    }

    private static Optional<Path> chineseFont() {
        Optional<Path> found = font;
        if (found == null) {
            found = Stream.of(FONT_DIRS).filter(Files::isDirectory).flatMap(PrintedReport::fontFiles)
                    .sorted((a, b) -> Boolean.compare(!a.toString().contains("wqy"), !b.toString().contains("wqy")))
                    .filter(PrintedReport::drawsChinese).findFirst();
            font = found;
        }
        return found;
    }

    private static Stream<Path> fontFiles(Path dir) {
        try (Stream<Path> files = Files.find(dir, 4, (p, a) -> a.isRegularFile()
                && (p.toString().endsWith(".ttc") || p.toString().endsWith(".ttf")))) {
            return files.toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static boolean drawsChinese(Path file) {
        try (FontSource source = FontSource.open(file)) {
            return source.font != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A TrueType-outline font (PDFBox embeds no CFF outlines in a Type 0 font) that has the glyphs we print. */
    private static final class FontSource implements AutoCloseable {
        final TrueTypeCollection collection;
        final TrueTypeFont font;

        private FontSource(TrueTypeCollection collection, TrueTypeFont font) {
            this.collection = collection;
            this.font = font;
        }

        static FontSource open(Path file) throws IOException {
            if (file.toString().endsWith(".ttc")) {
                TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
                TrueTypeFont[] first = new TrueTypeFont[1];
                collection.processAllFonts(ttf -> {
                    if (first[0] == null && usable(ttf)) {
                        first[0] = ttf;
                    }
                });
                return new FontSource(collection, first[0]);
            }
            TrueTypeFont ttf = new org.apache.fontbox.ttf.TTFParser().parse(
                    new org.apache.pdfbox.io.RandomAccessReadBufferedFile(new File(file.toString())));
            return new FontSource(null, usable(ttf) ? ttf : null);
        }

        private static boolean usable(TrueTypeFont ttf) throws IOException {
            if (ttf instanceof OpenTypeFont otf && otf.isPostScript()) {
                return false;
            }
            var cmap = ttf.getUnicodeCmapLookup(false);
            if (cmap == null) {
                return false;
            }
            for (char c : "政府信息公开（）一〇“”、，：".toCharArray()) {
                if (cmap.getGlyphId(c) == 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            if (collection != null) {
                collection.close();
            } else if (font != null) {
                font.close();
            }
        }
    }

    /** The pages being written, top to bottom: paragraphs, ruled table rows, page numbers. */
    private static final class Sheet {
        /** A label beside several rows (column {@code column}, rows first..last); vertical: one character per line. */
        record Span(String text, int column, int first, int last, boolean vertical) {
        }

        private final PDDocument doc;
        private final PDType0Font font;
        private final float width = PDRectangle.A4.getWidth();
        private final float height = PDRectangle.A4.getHeight();
        private PDPageContentStream out;
        private float y;
        private int pageNumber;
        private float[] headerWidths;
        private List<List<Text>> header;

        Sheet(PDDocument doc, PDType0Font font) throws IOException {
            this.doc = doc;
            this.font = font;
            newPage();
        }

        void finish() throws IOException {
            footer();
            out.close();
        }

        private void newPage() throws IOException {
            if (out != null) {
                footer();
                out.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
            out.setLineWidth(0.5f);
            pageNumber++;
            y = TOP;
        }

        private void footer() throws IOException {
            String n = "- " + pageNumber + " -";
            text(n, (width - textWidth(n, SMALL)) / 2, height - 40, SMALL);
        }

        void keep(float room) throws IOException {
            if (y + room > height - BOTTOM) {
                newPage();
            }
        }

        void gap(float points) {
            y += points;
        }

        void centred(String line, float size) throws IOException {
            keep(size * LEADING);
            y += size * LEADING;
            text(line, (width - textWidth(line, size)) / 2, y, size);
        }

        void paragraph(String paragraph) throws IOException {
            for (String line : wrap(paragraph, width - 2 * LEFT, BODY)) {
                keep(BODY * LEADING);
                y += BODY * LEADING;
                text(line, LEFT, y, BODY);
            }
            y += 3;
        }

        void row(float[] widths, List<Text> cells) throws IOException {
            float h = rowHeight(widths, cells);
            keep(h);
            drawRow(widths, cells, h);
        }

        /** Header rows drawn as one block: cells may span rows within it. */
        @SafeVarargs
        final void header(float[] widths, List<Text>... rows) throws IOException {
            float[] heights = new float[rows.length];
            for (int r = 0; r < rows.length; r++) {
                List<Text> own = rows[r].stream().filter(t -> t.rows() == 1).toList();
                heights[r] = Math.max(SMALL * LEADING + 2 * PAD, rowHeight(widths, own));
            }
            float total = 0;
            for (float h : heights) {
                total += h;
            }
            keep(total);
            float top = y;
            for (int r = 0; r < rows.length; r++) {
                for (Text t : rows[r]) {
                    float h = 0;
                    for (int k = r; k < Math.min(rows.length, r + t.rows()); k++) {
                        h += heights[k];
                    }
                    cell(widths, t, y, h);
                }
                y += heights[r];
            }
            hline(LEFT, LEFT + sum(widths, 0, widths.length), y);
            hline(LEFT, LEFT + sum(widths, 0, widths.length), top);
        }

        @SafeVarargs
        final void repeatHeader(float[] widths, List<Text>... rows) {
            headerWidths = widths;
            header = widths == null ? null : List.of(rows);
        }

        /** Rows with labels spanning several of them beside; a page break repeats the header. */
        void spannedRows(float[] widths, List<List<Text>> rows, List<Span> spans) throws IOException {
            float[] heights = new float[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                heights[i] = rowHeight(widths, rows.get(i));
            }
            int[] page = new int[rows.size()];
            float[] tops = new float[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                // A group's label needs two rows beside it: never leave its first row alone at a page's foot.
                float need = heights[i];
                for (Span span : spans) {
                    if (!span.vertical() && span.first() == i && span.last() > i) {
                        need += heights[i + 1];
                    }
                }
                if (y + need > height - BOTTOM) {
                    closeSpans(widths, spans, rows.size(), page, tops, heights, i);
                    newPage();
                    if (header != null) {
                        @SuppressWarnings("unchecked")
                        List<Text>[] h = header.toArray(new List[0]);
                        header(headerWidths, h);
                    }
                }
                page[i] = pageNumber;
                tops[i] = y;
                int row = i;
                List<Text> own = rows.get(i).stream().filter(t -> !spanned(spans, t.column(), row)).toList();
                drawRow(widths, own, heights[i]);
            }
            closeSpans(widths, spans, rows.size(), page, tops, heights, rows.size());
        }

        /** Draw each span's part on the current page (rows up to {@code upTo}). */
        private void closeSpans(float[] widths, List<Span> spans, int count, int[] page, float[] tops, float[] heights, int upTo)
                throws IOException {
            for (Span span : spans) {
                int from = -1;
                int to = -1;
                for (int i = Math.max(0, span.first()); i <= Math.min(span.last(), upTo - 1); i++) {
                    if (page[i] == pageNumber) {
                        from = from < 0 ? i : from;
                        to = i;
                    }
                }
                if (from < 0) {
                    continue;
                }
                float top = tops[from];
                float bottom = tops[to] + heights[to];
                float x = LEFT + sum(widths, 0, span.column());
                float w = widths[span.column()];
                vline(x, top, bottom);
                vline(x + w, top, bottom);
                // Text only in the part where the span begins, as Word prints a merged cell split by a page break.
                if (from == span.first()) {
                    List<String> lines = span.vertical() ? span.text().chars().mapToObj(c -> String.valueOf((char) c)).toList()
                            : wrap(span.text(), w - 2 * PAD, SMALL);
                    float step = span.vertical() ? Math.min((bottom - top) / (lines.size() + 1), SMALL * 2.2f) : SMALL * LEADING;
                    float start = (top + bottom) / 2 - step * lines.size() / 2;
                    for (int l = 0; l < lines.size(); l++) {
                        String line = lines.get(l);
                        text(line, x + (w - textWidth(line, SMALL)) / 2, start + step * (l + 1) - 2, SMALL);
                    }
                }
                hline(x, x + w, top);
                hline(x, x + w, bottom);
            }
        }

        private static boolean spanned(List<Span> spans, int column, int row) {
            return spans.stream().anyMatch(s -> s.column() == column && row >= s.first() && row <= s.last());
        }

        private float rowHeight(float[] widths, List<Text> cells) {
            int lines = 1;
            for (Text t : cells) {
                lines = Math.max(lines, wrap(t.text(), sum(widths, t.column(), t.column() + t.columns()) - 2 * PAD, SMALL).size());
            }
            return lines * SMALL * LEADING + 2 * PAD;
        }

        private void drawRow(float[] widths, List<Text> cells, float h) throws IOException {
            for (Text t : cells) {
                cell(widths, t, y, h);
            }
            y += h;
        }

        /** One ruled cell, its text wrapped and centred both ways. */
        private void cell(float[] widths, Text t, float top, float h) throws IOException {
            float x = LEFT + sum(widths, 0, t.column());
            float w = sum(widths, t.column(), t.column() + t.columns());
            out.addRect(x, height - top - h, w, h);
            out.stroke();
            List<String> lines = wrap(t.text(), w - 2 * PAD, SMALL);
            float line = SMALL * LEADING;
            float start = top + (h - line * lines.size()) / 2;
            for (int l = 0; l < lines.size(); l++) {
                String s = lines.get(l);
                text(s, x + (w - textWidth(s, SMALL)) / 2, start + line * (l + 1) - 3, SMALL);
            }
        }

        private void hline(float x0, float x1, float at) throws IOException {
            out.moveTo(x0, height - at);
            out.lineTo(x1, height - at);
            out.stroke();
        }

        private void vline(float x, float top, float bottom) throws IOException {
            out.moveTo(x, height - top);
            out.lineTo(x, height - bottom);
            out.stroke();
        }

        private void text(String s, float x, float baselineFromTop, float size) throws IOException {
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(x, height - baselineFromTop);
            out.showText(s);
            out.endText();
        }

        private float textWidth(String s, float size) {
            try {
                return font.getStringWidth(s) / 1000f * size;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private List<String> wrap(String text, float room, float size) {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                line.append(text.charAt(i));
                if (textWidth(line.toString(), size) > room && line.length() > 1) {
                    line.setLength(line.length() - 1);
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(text.charAt(i));
                }
            }
            if (line.length() > 0) {
                lines.add(line.toString());
            }
            return lines;
        }

        private static float sum(float[] widths, int from, int to) {
            float s = 0;
            for (int i = from; i < to; i++) {
                s += widths[i];
            }
            return s;
        }
    }
}
