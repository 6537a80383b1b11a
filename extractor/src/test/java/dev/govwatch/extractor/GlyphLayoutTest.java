package dev.govwatch.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.govwatch.extractor.internal.GlyphLines;
import dev.govwatch.extractor.internal.ReportDocument;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellKind;

/**
 * Tables read from glyph positions, as a PDF page places them: a report with known figures is
 * "printed" glyph by glyph at the places a typical PDF table puts them (labels in a narrower font
 * a point or two off the figures' baseline; long labels wrapped above and below their figures;
 * 三、本年度办理结果 down the side one character per line; group labels in their own column, split
 * over two lines; table 三 continued on the next page; the glyphs handed over in a scrambled order),
 * laid out by {@link GlyphLines} and read by the extractor. Every cell of tables 三 and 四 must
 * come out right. (No CJK font is installed to write real PDFs here; the Huaian sample covers a
 * real one, in AttachmentExtractionTest.)
 */
class GlyphLayoutTest {

    private static final float SIZE = 10.5f;
    private static final float LABEL_X = 120;
    private static final float LABEL_WIDTH = 13;
    private static final float FIRST_NUMBER_X = 270;
    private static final float COLUMN = 38;

    @ParameterizedTest(name = "figures {0}")
    @ValueSource(ints = {1, 7, 42, 2024, 90_210})
    void everyCellOfAPrintedTableIsRead(int seed) {
        Report2021Page figures = new Report2021Page(seed);
        List<GlyphLines.Glyph> glyphs = print(figures);
        java.util.Collections.shuffle(glyphs, new java.util.Random(seed));

        List<String> lines = GlyphLines.layout(glyphs);
        Extraction extraction = new ReportExtractor().extract(new ReportDocument(lines, String.join("\n", lines.subList(0, 5)),
                Map.of()), "http://pdf.gov.cn/1.pdf", "0", "test", Instant.EPOCH);

        assertThat(extraction).as(String.join("\n", lines)).isInstanceOf(Extraction.Report.class);
        AnnualReport report = ((Extraction.Report) extraction).report();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, long[]> row : figures.t3.entrySet()) {
            for (int c = 0; c < 7; c++) {
                check(report, "T3", row.getKey(), dev.govwatch.schemas.template.ReportTemplate.T3_COLUMNS.get(c),
                        row.getValue()[c], wrong);
            }
        }
        for (int i = 0; i < 15; i++) {
            check(report, "T4", dev.govwatch.schemas.template.ReportTemplate.T4.rows().get(i / 5).key(),
                    dev.govwatch.schemas.template.ReportTemplate.T4_COLUMNS.get(i % 5), figures.t4[i], wrong);
        }
        assertThat(wrong).as(String.join("\n", lines)).isEmpty();
        assertThat(report.getUnreadCells()).isEmpty();
        assertThat(report.getSections()).hasSize(6);
    }

    private static void check(AnnualReport report, String table, String row, String column, long expected, List<String> wrong) {
        Cell cell = SeedExtractionTest.cellOrNull(report, table, row, column);
        if (cell == null || cell.getKind() != CellKind.NUMBER || cell.getValue() != expected) {
            wrong.add(table + "/" + row + "/" + column + ": expected " + expected + ", read "
                    + (cell == null ? "nothing" : cell.getKind() + " " + cell.getRaw()));
        }
    }

    /** The report's pages as glyphs. */
    private static List<GlyphLines.Glyph> print(Report2021Page f) {
        Page page = new Page();
        page.text(60, "测试县人民政府2024年政府信息公开工作年度报告");
        page.text(60, "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。");
        page.text(60, "一、总体情况");
        page.text(60, "2024年，我县全年共收到政府信息公开申请" + f.t3.get("apps.new")[6] + "件。");
        page.text(60, "二、主动公开政府信息情况");
        page.text(60, "第二十条第（一）项");
        page.cells(60, List.of("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"));
        page.row("规章", null, new long[] {0, 0, 0});
        page.row("行政规范性文件", null, new long[] {12, 3, 87});
        page.text(60, "三、收到和处理政府信息公开申请情况");
        page.cells(60, List.of("（本列数据的勾稽关系为：第一项", "申请人情况"));
        page.cells(60, List.of("加第二项之和，等于第三项加", "自然人", "法人或其他组织", "总计"));
        page.cells(60, List.of("第四项之和）", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"));
        page.row("一、本年新收政府信息公开申请数量", null, f.t3.get("apps.new"));
        page.row("二、上年结转政府信息公开申请数量", null, f.t3.get("apps.carriedIn"));
        String side = "三、本年度办理结果";
        String[] groups = {"（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"};
        int[] groupStart = {2, 10, 13, 18};
        for (int i = 0; i < Report2021Page.T3_KEYS.length; i++) {
            if (i == 12) {
                page.next(); // the table continues on the next page, with a footer on this one
            }
            String group = null;
            for (int g = 0; g < groups.length; g++) {
                if (i == groupStart[g]) {
                    group = groups[g];
                }
            }
            if (i < side.length()) {
                page.side(String.valueOf(side.charAt(i)));
            }
            page.row(Report2021Page.T3_LEAVES[i].replace('(', '（').replace(')', '）'), group, f.t3.get(Report2021Page.T3_KEYS[i]));
        }
        page.row("（七）总计", null, f.t3.get("apps.results"));
        page.row("四、结转下年度继续办理", null, f.t3.get("apps.carriedOut"));
        page.text(60, "四、政府信息公开行政复议、行政诉讼情况");
        page.cells(60, List.of("行政复议", "行政诉讼"));
        page.cells(60, List.of("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"));
        page.numbers(60, f.t4);
        page.text(60, "五、存在的主要问题及改进情况");
        page.text(60, "政务公开工作仍有不足。");
        page.text(60, "六、其他需要报告的事项");
        page.text(60, "本年度未收取信息处理费。");
        return page.glyphs;
    }

    /** A pen that places glyphs line by line, down the page. */
    private static final class Page {
        final List<GlyphLines.Glyph> glyphs = new ArrayList<>();
        int number = 1;
        float y = 80;
        float sideY = -1;

        void text(float x, String text) {
            put(x, y, text);
            y += 2 * SIZE;
        }

        void cells(float x, List<String> cells) {
            float at = x;
            for (String c : cells) {
                put(at, y, c);
                at += c.length() * SIZE + 3 * SIZE;
            }
            y += 2 * SIZE;
        }

        void numbers(float x, long[] values) {
            for (int i = 0; i < values.length; i++) {
                put(x + i * 28, y, Long.toString(values[i]));
            }
            y += 2 * SIZE;
        }

        /** A table row: its label wrapped in a cell 13 characters wide, centred on the figures' baseline. */
        void row(String label, String group, long[] values) {
            int lines = (label.length() + (int) LABEL_WIDTH - 1) / (int) LABEL_WIDTH;
            float height = Math.max(1, lines) * 1.4f * SIZE;
            float figures = y + height / 2;
            float top = figures - (lines - 1) * 0.7f * SIZE;
            for (int l = 0; l < lines; l++) {
                String piece = label.substring(l * (int) LABEL_WIDTH, Math.min(label.length(), (l + 1) * (int) LABEL_WIDTH));
                put(LABEL_X, top + l * 1.4f * SIZE - 1.5f, piece); // the label font sits 1.5 pt higher
            }
            if (group != null) {
                put(75, figures - 0.7f * SIZE, group.substring(0, 4));
                put(75, figures + 0.7f * SIZE, group.substring(4));
            }
            for (int c = 0; c < values.length; c++) {
                put(FIRST_NUMBER_X + c * COLUMN, figures, Long.toString(values[c]));
            }
            y += height + 0.6f * SIZE;
        }

        void side(String character) {
            put(45, y + 0.7f * SIZE, character);
        }

        void next() {
            put(280, 800, "- " + number + " -");
            number++;
            y = 80;
        }

        private void put(float x, float baseline, String text) {
            float at = x;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                float width = c < 0x80 ? SIZE / 2 : SIZE;
                glyphs.add(new GlyphLines.Glyph(String.valueOf(c), at, baseline, width, SIZE, number));
                at += width;
            }
        }
    }
}
