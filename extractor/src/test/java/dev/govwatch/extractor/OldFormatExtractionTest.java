package dev.govwatch.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.FormatGeneration;

/** A pre-2019 report with the standard 2014 政府信息公开情况统计表 as an HTML table with a unit column. */
class OldFormatExtractionTest {

    private static final String PAGE = """
            <html><head><meta name="ArticleTitle" content="某市某区人民政府2015年政府信息公开工作年度报告">
            <meta name="PubDate" content="2016-03-25"></head><body><div class="TRS_Editor">
            <p>本报告中所列数据的统计期限自2015年1月1日起至2015年12月31日止。</p>
            <p>一、概述</p><p>2015年，全区共收到政府信息公开申请41件。</p>
            <p>附件：政府信息公开情况统计表</p>
            <table>
            <tr><td>统 计 指 标</td><td>单位</td><td>统计数</td></tr>
            <tr><td>一、主动公开情况</td><td>——</td><td>——</td></tr>
            <tr><td>（一）主动公开政府信息数</td><td>条</td><td>2,318</td></tr>
            <tr><td>三、依申请公开情况</td><td>——</td><td>——</td></tr>
            <tr><td>（一）收到申请数</td><td>件</td><td>41</td></tr>
            <tr><td>1.当面申请数</td><td>件</td><td>5</td></tr>
            <tr><td>2.传真申请数</td><td>件</td><td>0</td></tr>
            <tr><td>3.网络申请数</td><td>件</td><td>30</td></tr>
            <tr><td>4.信函申请数</td><td>件</td><td>6</td></tr>
            <tr><td>（二）申请办结数</td><td>件</td><td>41</td></tr>
            <tr><td>（三）申请答复数</td><td>件</td><td>41</td></tr>
            <tr><td>2.同意公开答复数</td><td>件</td><td>28</td></tr>
            <tr><td>3.同意部分公开答复数</td><td>件</td><td>4</td></tr>
            <tr><td>4.不同意公开答复数</td><td>件</td><td>3</td></tr>
            <tr><td>四、行政复议数量</td><td>件</td><td>1</td></tr>
            <tr><td>（一）维持具体行政行为数</td><td>件</td><td>1</td></tr>
            <tr><td>五、行政诉讼数量</td><td>件</td><td>/</td></tr>
            <tr><td>七、依申请公开信息收取的费用</td><td>万元</td><td>0</td></tr>
            <tr><td>（三）从事政府信息公开工作人员数</td><td>人</td><td>12</td></tr>
            <tr><td>1.专职人员数</td><td>人</td><td>2</td></tr>
            <tr><td>2.兼职人员数</td><td>人</td><td>10</td></tr>
            </table></div></body></html>""";

    @Test
    void theStatisticsTableMapsToTheSameFiguresAsTheNewTemplates() {
        Extraction extraction = new ReportExtractor().extract(PageShapes.page(PAGE.getBytes(StandardCharsets.UTF_8),
                "text/html", "http://old.gov.cn/2015.html"), Instant.EPOCH);
        AnnualReport report = ((Extraction.Report) extraction).report();
        Map<String, Object> flat = FlatReport.of(report);

        assertThat(report.getGeneration()).isEqualTo(FormatGeneration.PRE_2019);
        assertThat(flat).containsEntry("year", 2015).containsEntry("format", "PRE_2019")
                .containsEntry("published", "2016-03-25").containsEntry("agency", "某市某区人民政府")
                .containsEntry("apps.new.total", 41L).containsEntry("apps.granted.total", 28L)
                .containsEntry("apps.partial.total", 4L).containsEntry("apps.results.total", 41L)
                .containsEntry("review.reconsideration.total", 1L)
                // "/" means not applicable: never a guessed 0.
                .containsEntry("review.litigation.total", null);
        assertThat(SeedExtractionTest.cell(report, "OLD", "active.published", "total").getValue()).isEqualTo(2318.0);
        assertThat(SeedExtractionTest.cell(report, "OLD", "staff.partTime", "total").getValue()).isEqualTo(10.0);
        assertThat(SeedExtractionTest.cell(report, "OLD", "review.reconsideration.upheld", "total").getValue()).isEqualTo(1.0);
    }
}
