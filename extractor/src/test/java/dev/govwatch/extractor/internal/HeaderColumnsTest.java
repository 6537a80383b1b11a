package dev.govwatch.extractor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Table 三's data cells put in the template's order when, and only when, the header names every column in another. */
class HeaderColumnsTest {

    /** The template's three header rows, as the grid lays them out (spanned cells blank after their first position). */
    private static List<List<String>> header(String a, String b, String c) {
        return List.of(
                List.of("（本列数据的勾稽关系为：…）", "", "", "申请人情况", "", "", "", "", "", ""),
                List.of("", "", "", a, "法人或其他组织", "", "", "", "", c),
                List.of("", "", "", "", "商业企业", "科研机构", "社会公益组织", b, "其他", ""));
    }

    private static List<List<String>> table(List<List<String>> header, List<String> row) {
        List<List<String>> grid = new java.util.ArrayList<>(header);
        grid.add(row);
        return grid;
    }

    @Test
    void columnsPrintedInAnotherOrderAreReadByTheirHeaders() {
        // 总计 first, 自然人 last: the figures 5 | 1 0 0 0 0 | 4 mean 自然人 4, 商业企业 1, 总计 5.
        var grid = table(header("总计", "法律服务机构", "自然人"),
                List.of("一、本年新收政府信息公开申请数量", "", "", "5", "1", "0", "0", "0", "0", "4"));

        HeaderColumns.Reordered read = HeaderColumns.toTemplateOrder(grid);

        assertThat(read.grid().get(3)).containsExactly("一、本年新收政府信息公开申请数量", "", "", "4", "1", "0", "0", "0", "0", "5");
        assertThat(read.grid().subList(0, 3)).isEqualTo(grid.subList(0, 3));
        assertThat(read.note()).contains("总计、商业企业、科研机构、社会公益组织、法律服务机构、其他法人或组织、自然人");
    }

    @Test
    void theTemplatesOrderOrAHeaderThatDoesNotNameEveryColumnOnceIsLeftAlone() {
        List<String> row = List.of("一、本年新收政府信息公开申请数量", "", "", "4", "1", "0", "0", "0", "0", "5");
        for (var header : List.of(header("自然人", "法律服务机构", "总计"), header("总计", "律师事务所", "自然人"),
                header("总计", "自然人", "自然人"))) {
            var grid = table(header, row);
            HeaderColumns.Reordered read = HeaderColumns.toTemplateOrder(grid);
            assertThat(read.grid()).isEqualTo(grid);
            assertThat(read.note()).isNull();
        }
        var noHeader = List.of(row, row);
        assertThat(HeaderColumns.toTemplateOrder(noHeader).grid()).isEqualTo(noHeader);
    }
}
