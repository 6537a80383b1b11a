package dev.govwatch.extractor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Table rows of a page reach the table reader as the grid's cells, not as text split again. */
class HtmlGridTest {

    private static final String PAGE = "<html><body><div class='TRS_Editor'><p>说明文字</p><table>"
            + "<tr><td rowspan='2'>三、本年度办理结果</td><td>（一）予以公开</td><td>3</td><td>0</td></tr>"
            + "<tr><td colspan='2'>（二）部分公开|区分处理</td><td>1</td></tr>"
            + "</table><p>结尾</p></div></body></html>";

    @Test
    void tableRowsKeepTheirGridCellsAndColumns() {
        ReportDocument doc = HtmlPage.read(PAGE, "http://x.gov.cn/a.html");

        assertThat(doc.cells(0)).isNull();
        assertThat(doc.cells(1)).containsExactly("三、本年度办理结果", "（一）予以公开", "3", "0");
        // The spanned first column and the spanned second column are blanks at their grid positions.
        assertThat(doc.cells(2)).containsExactly("", "（二）部分公开|区分处理", "", "1");
        assertThat(doc.cells(3)).isNull();
    }

    @Test
    void aCellHoldingAPipeIsOneToken() {
        ReportDocument doc = HtmlPage.read(PAGE, "http://x.gov.cn/a.html");

        List<Token> row = Tokens.of(doc, 2, 3);

        assertThat(row).extracting(Token::text).containsExactly("", "（二）部分公开|区分处理", "", "1");
        assertThat(row).allMatch(Token::delimited);
    }

    @Test
    void inlineBreaksNeverSplitAGridRow() {
        String longRow = "<html><body><table><tr><td>" + "一、本年新收政府信息公开申请数量" + "6420000066".repeat(15)
                + "</td><td>二、上年结转政府信息公开申请数量</td></tr></table></body></html>";
        ReportDocument doc = HtmlPage.read(longRow, "");

        ReportDocument broken = InlineBreaks.apply(doc);

        assertThat(broken.lines()).hasSameSizeAs(doc.lines());
        assertThat(broken.cells(0)).hasSize(2);
    }

    @Test
    void aCellsTextIsWhatJsoupsTextGives() {
        // Spaces of each kind, characters jsoup drops or trims, entities, and markup that makes a cell more than one text.
        String alphabet = "a1行政 \t\n\r\f\u000b\u0001\u00a0\u00ad\u200b\u200c\u2060\ufeff\u3000";
        String[] extras = {"&amp;", "&nbsp;", "<br>", "<b>粗</b>", "<p>段</p>", "<!-- c -->", ""};
        Random random = new Random(21);
        StringBuilder html = new StringBuilder("<table>");
        for (int i = 0; i < 3_000; i++) {
            html.append("<tr><td>").append(RandomText.of(random, alphabet, 0, 8))
                    .append(random.nextInt(4) == 0 ? extras[random.nextInt(extras.length)] : "")
                    .append(RandomText.of(random, alphabet, 0, 4)).append("</td></tr>");
        }
        List<Element> cells = Jsoup.parse(html.append("</table>").toString()).select("td");

        assertThat(cells).hasSize(3_000);
        for (Element cell : cells) {
            assertThat(HtmlPage.cellText(cell)).as(cell.outerHtml()).isEqualTo(cell.text());
        }
    }

    @Test
    void spannedCellsLandWhereAMapOfCoveredPositionsPutThem() {
        Random random = new Random(22);
        for (int t = 0; t < 2_000; t++) {
            StringBuilder html = new StringBuilder("<table>");
            int rows = 1 + random.nextInt(6);
            for (int r = 0; r < rows; r++) {
                html.append(random.nextBoolean() ? "<tr>" : "<tr>\n");
                int cells = random.nextInt(5);
                for (int c = 0; c < cells; c++) {
                    html.append("<td").append(random.nextInt(3) == 0 ? " rowspan='" + (1 + random.nextInt(3)) + "'" : "")
                            .append(random.nextInt(3) == 0 ? " colspan='" + (1 + random.nextInt(3)) + "'" : "")
                            .append('>').append(r).append('.').append(c).append("</td>");
                }
                html.append("</tr>");
            }
            Element table = Jsoup.parse(html.append("</table>").toString()).selectFirst("table");

            assertThat(HtmlPage.grid(table)).as(html.toString()).isEqualTo(gridByMap(table));
        }
    }

    /** The grid as first written: covered positions in a set of (row, column) keys. */
    private static List<List<String>> gridByMap(Element table) {
        List<Element> rows = table.select("> tr, > tbody > tr, > thead > tr, > tfoot > tr");
        List<List<String>> grid = new ArrayList<>();
        Set<Long> covered = new HashSet<>();
        for (int r = 0; r < rows.size(); r++) {
            while (grid.size() <= r) {
                grid.add(new ArrayList<>());
            }
            List<String> out = grid.get(r);
            int c = 0;
            for (Element cell : rows.get(r).children()) {
                while (covered.contains(((long) r << 32) | c)) {
                    put(out, c++, "");
                }
                int colspan = cell.hasAttr("colspan") ? Integer.parseInt(cell.attr("colspan")) : 1;
                int rowspan = cell.hasAttr("rowspan") ? Integer.parseInt(cell.attr("rowspan")) : 1;
                put(out, c, cell.text());
                for (int dr = 0; dr < rowspan; dr++) {
                    for (int dc = 0; dc < colspan; dc++) {
                        if (dr > 0 || dc > 0) {
                            covered.add(((long) (r + dr) << 32) | (c + dc));
                            if (dr == 0) {
                                put(out, c + dc, "");
                            }
                        }
                    }
                }
                c += colspan;
            }
        }
        return grid;
    }

    private static void put(List<String> row, int c, String value) {
        while (row.size() <= c) {
            row.add("");
        }
        row.set(c, value);
    }
}
