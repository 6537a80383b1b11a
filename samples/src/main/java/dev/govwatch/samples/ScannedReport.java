package dev.govwatch.samples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;

/**
 * A report with known figures as an office prints and scans it: three A4 pages drawn at 300 dpi
 * (title and sections, table 二; table 三 as a ruled grid with its group labels in merged cells and
 * wrapped labels; table 四 with its three header rows, sections 五 and 六), each then tilted,
 * speckled and JPEG-compressed by {@link ScanImitation#degrade} into an image-only PDF. Needs a
 * font with Chinese glyphs ({@code scripts/install-ocr} installs fonts-wqy-microhei).
 */
public final class ScannedReport {

    private static final int WIDTH = 2480;
    private static final int HEIGHT = 3508;
    private static final int SIZE = 42;
    private static final int LEFT = 160;

    private ScannedReport() {
    }

    /** Whether a font that draws Chinese is installed. */
    public static boolean canDraw() {
        return chineseFont() != null;
    }

    /** The 2021-template report of {@code figures} as a scanned, image-only PDF. */
    public static byte[] pdf(Report2021Page figures, double tiltDegrees, long seed) throws IOException {
        String family = chineseFont();
        if (family == null) {
            throw new IllegalStateException("no font with Chinese glyphs is installed (scripts/install-ocr installs fonts-wqy-microhei)");
        }
        Font font = new Font(family, Font.PLAIN, SIZE);
        Random random = new Random(seed);
        List<BufferedImage> pages = List.of(first(figures, font), table3(figures, font), last(figures, font));
        try (PDDocument out = new PDDocument()) {
            for (int i = 0; i < pages.size(); i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                out.addPage(page);
                BufferedImage scanned = ScanImitation.degrade(pages.get(i), tiltDegrees * (i % 2 == 0 ? 1 : -0.6), random);
                try (PDPageContentStream content = new PDPageContentStream(out, page)) {
                    content.drawImage(JPEGFactory.createFromImage(out, scanned, 0.8f), 0, 0, PDRectangle.A4.getWidth(),
                            PDRectangle.A4.getHeight());
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            out.save(bytes);
            return bytes.toByteArray();
        }
    }

    /**
     * The report's HTML page with its table 三 pasted as a picture, as offices do: the page
     * ({@link Report2021Page#html}) with the table replaced by {@code <img src="t3.png">}, and the
     * picture, a screenshot of the printed table at web resolution ({@code scale} of 300 dpi), PNG.
     */
    public static PastedTable pastedTable3(Report2021Page figures, double scale) throws IOException {
        String family = chineseFont();
        if (family == null) {
            throw new IllegalStateException("no font with Chinese glyphs is installed (scripts/install-ocr installs fonts-wqy-microhei)");
        }
        BufferedImage page = table3(figures, new Font(family, Font.PLAIN, SIZE));
        // the table's part of the page, at screen resolution
        int bottom = HEIGHT;
        BufferedImage crop = page.getSubimage(0, 160, WIDTH, Math.min(bottom, 3300) - 160);
        BufferedImage small = new BufferedImage((int) (crop.getWidth() * scale), (int) (crop.getHeight() * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(crop, 0, 0, small.getWidth(), small.getHeight(), null);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(small, "png", png);
        int start = figures.html.indexOf("<table", figures.html.indexOf("三、收到和处理"));
        int end = figures.html.indexOf("</table>", start) + "</table>".length();
        String html = figures.html.substring(0, start) + "<p style=\"text-align:center\"><img src=\"t3.png\" width=\"600\"></p>"
                + figures.html.substring(end);
        return new PastedTable(html, "t3.png", png.toByteArray());
    }

    /** A report page and the picture of its table 三 that it shows. */
    public record PastedTable(String html, String imageSrc, byte[] png) {
    }

    private static String chineseFont() {
        String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
        String any = null;
        for (String f : families) {
            Font font = new Font(f, Font.PLAIN, SIZE);
            if (font.canDisplayUpTo("政府信息公开年度报告") == -1) {
                if (f.contains("WenQuanYi") || f.contains("Noto Sans CJK")) {
                    return f;
                }
                any = any == null ? f : any;
            }
        }
        return any;
    }

    private static BufferedImage first(Report2021Page f, Font font) {
        Page p = new Page(font);
        p.line("测试县人民政府2024年政府信息公开工作年度报告", SIZE + 14, true);
        p.line("发布时间：2025-01-20", SIZE, false);
        p.line("本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。", SIZE, false);
        p.line("一、总体情况", SIZE, false);
        p.line("2024年，我县持续推进主动公开、依申请公开、政府信息管理、平台建设和监督保障工作，", SIZE, false);
        p.line("全年共收到政府信息公开申请" + f.t3.get("apps.new")[6] + "件。", SIZE, false);
        p.line("二、主动公开政府信息情况", SIZE, false);
        int[] widths = {620, 440, 440, 440};
        p.grid(List.of(
                List.of("第二十条第（一）项", "", "", ""),
                List.of("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
                List.of("规章", "0", "0", "0"),
                List.of("行政规范性文件", "12", "3", "87")), widths, new int[] {4, 1, 1, 1});
        p.grid(List.of(
                List.of("第二十条第（五）项", ""),
                List.of("信息内容", "本年处理决定数量"),
                List.of("行政许可", "5612")), new int[] {620, 1320}, new int[] {2, 1, 1});
        p.line("三、收到和处理政府信息公开申请情况", SIZE, false);
        p.line("（表见下页）", SIZE, false);
        return p.image;
    }

    /** Table 三: labels in two columns (group label merged down its rows), 7 figure columns. */
    private static BufferedImage table3(Report2021Page f, Font font) {
        Page p = new Page(font);
        int group = 330;
        int label = 640;
        int figure = 170;
        String[] heads = {"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};
        Graphics2D g = p.g;
        int top = p.y;
        int x0 = LEFT;
        int figuresLeft = x0 + group + label;
        int right = figuresLeft + 7 * figure;
        // header: 申请人情况 over the figure columns, the column names below
        int h1 = 80;
        int h2 = 150;
        p.rect(x0, top, group + label, h1 + h2);
        p.text("本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和", x0, top, group + label, h1 + h2, SIZE - 10);
        p.rect(figuresLeft, top, 7 * figure, h1);
        p.text("申请人情况", figuresLeft, top, 7 * figure, h1, SIZE);
        for (int c = 0; c < 7; c++) {
            p.rect(figuresLeft + c * figure, top + h1, figure, h2);
            p.text(heads[c], figuresLeft + c * figure, top + h1, figure, h2, SIZE - 6);
        }
        int y = top + h1 + h2;
        List<Renderings.Row> rows = Renderings.t3Rows(f);
        int groupTop = -1;
        String groupLabel = null;
        for (int i = 0; i < rows.size(); i++) {
            Renderings.Row row = rows.get(i);
            List<String> labels = new ArrayList<>(row.labels());
            labels.remove("三、本年度办理结果");
            String leaf = labels.get(labels.size() - 1);
            boolean child = Character.isDigit(leaf.charAt(0));
            if (labels.size() == 2) {
                groupTop = y;
                groupLabel = labels.get(0);
            }
            int lines = Page.lines(g, p.font(SIZE - 4), leaf, (child ? label : group + label) - 20).size();
            int h = Math.max(90, lines * (SIZE + 4) + 30);
            if (child) {
                p.rect(x0 + group, y, label, h);
                p.text(leaf, x0 + group, y, label, h, SIZE - 4);
            } else {
                p.rect(x0, y, group + label, h);
                p.text(leaf, x0, y, group + label, h, SIZE - 4);
            }
            for (int c = 0; c < 7; c++) {
                p.rect(figuresLeft + c * figure, y, figure, h);
                p.text(Long.toString(row.values()[c]), figuresLeft + c * figure, y, figure, h, SIZE);
            }
            y += h;
            boolean groupEnds = i + 1 == rows.size() || !Character.isDigit(last(rows.get(i + 1)).charAt(0))
                    || rows.get(i + 1).labels().size() > 1;
            if (child && groupEnds && groupLabel != null) {
                p.rect(x0, groupTop, group, y - groupTop);
                p.text(groupLabel, x0, groupTop, group, y - groupTop, SIZE - 4);
                groupLabel = null;
            }
        }
        g.drawLine(x0, top, right, top);
        return p.image;
    }

    private static String last(Renderings.Row row) {
        return row.labels().get(row.labels().size() - 1);
    }

    private static BufferedImage last(Report2021Page f, Font font) {
        Page p = new Page(font);
        p.line("四、政府信息公开行政复议、行政诉讼情况", SIZE, false);
        int w = 140;
        int[] widths = new int[15];
        java.util.Arrays.fill(widths, w);
        String[] results = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
        Graphics2D g = p.g;
        int top = p.y;
        int x0 = LEFT + 120;
        int h1 = 80;
        int h2 = 80;
        int h3 = 140;
        p.rect(x0, top, 5 * w, h1 + h2);
        p.text("行政复议", x0, top, 5 * w, h1 + h2, SIZE);
        p.rect(x0 + 5 * w, top, 10 * w, h1);
        p.text("行政诉讼", x0 + 5 * w, top, 10 * w, h1, SIZE);
        p.rect(x0 + 5 * w, top + h1, 5 * w, h2);
        p.text("未经复议直接起诉", x0 + 5 * w, top + h1, 5 * w, h2, SIZE - 4);
        p.rect(x0 + 10 * w, top + h1, 5 * w, h2);
        p.text("复议后起诉", x0 + 10 * w, top + h1, 5 * w, h2, SIZE - 4);
        for (int c = 0; c < 15; c++) {
            p.rect(x0 + c * w, top + h1 + h2, w, h3);
            p.text(results[c % 5], x0 + c * w, top + h1 + h2, w, h3, SIZE - 6);
            p.rect(x0 + c * w, top + h1 + h2 + h3, w, 100);
            p.text(Long.toString(f.t4[c]), x0 + c * w, top + h1 + h2 + h3, w, 100, SIZE);
        }
        p.y = top + h1 + h2 + h3 + 100 + 60;
        g.setColor(Color.BLACK);
        p.line("五、存在的主要问题及改进情况", SIZE, false);
        p.line("一是政策解读的针对性还需加强；二是基层政务公开标准化规范化水平有待提高。", SIZE, false);
        p.line("六、其他需要报告的事项", SIZE, false);
        p.line("本年度未收取信息处理费。", SIZE, false);
        return p.image;
    }

    /** A page being drawn: a cursor down the page, ruled boxes and text centred in them. */
    private static final class Page {
        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        final Graphics2D g = image.createGraphics();
        final Font base;
        int y = 240;

        Page(Font base) {
            this.base = base;
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(3));
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        }

        Font font(int size) {
            return base.deriveFont((float) size);
        }

        void line(String text, int size, boolean centred) {
            g.setFont(font(size));
            FontMetrics m = g.getFontMetrics();
            int x = centred ? (WIDTH - m.stringWidth(text)) / 2 : LEFT;
            g.drawString(text, x, y + m.getAscent());
            y += m.getHeight() + 30;
        }

        void rect(int x, int top, int w, int h) {
            g.drawRect(x, top, w, h);
        }

        /** Text centred in a box, wrapped to its width. */
        void text(String text, int x, int top, int w, int h, int size) {
            if (text.isEmpty()) {
                return;
            }
            g.setFont(font(size));
            FontMetrics m = g.getFontMetrics();
            List<String> lines = lines(g, g.getFont(), text, w - 20);
            int lineHeight = m.getHeight();
            int start = top + (h - lines.size() * lineHeight) / 2;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                g.drawString(line, x + (w - m.stringWidth(line)) / 2, start + i * lineHeight + m.getAscent());
            }
        }

        /** A table of equal-height rows; {@code spans[r]} cells of row r span the whole width if 1, else each its column. */
        void grid(List<List<String>> rows, int[] widths, int[] spans) {
            int total = java.util.Arrays.stream(widths).sum();
            for (int r = 0; r < rows.size(); r++) {
                int x = LEFT;
                List<String> row = rows.get(r);
                if (spans[r] > 1 && row.stream().skip(1).allMatch(String::isEmpty)) {
                    rect(LEFT, y, total, 90);
                    text(row.get(0), LEFT, y, total, 90, SIZE);
                } else {
                    for (int c = 0; c < row.size(); c++) {
                        int w = c == row.size() - 1 ? total - (x - LEFT) : widths[c];
                        rect(x, y, w, 90);
                        text(row.get(c), x, y, w, 90, SIZE - 4);
                        x += w;
                    }
                }
                y += 90;
            }
            y += 50;
        }

        static List<String> lines(Graphics2D g, Font font, String text, int width) {
            FontMetrics m = g.getFontMetrics(font);
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (line.length() > 0 && m.stringWidth(line.toString() + c) > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(c);
            }
            if (line.length() > 0) {
                lines.add(line.toString());
            }
            return lines;
        }
    }
}
