package dev.govwatch.extractor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
}
