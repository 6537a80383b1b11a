package dev.govwatch.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.govwatch.extractor.internal.ChineseNumerals;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellSource;
import dev.govwatch.schemas.FormatGeneration;
import dev.govwatch.schemas.QuotedFigure;

/**
 * A pre-2019 town report with no statistics table, its figures given in prose only: counts in
 * Chinese numerals, zeros stated in words, the date on a "时间：" line and the agency named only in
 * the title. Each figure becomes a cell of the old table whose raw text is its sentence.
 */
class ProseReportExtractionTest {

    private static final String REPORT = """
            首页 > 政务公开 > 政府信息公开年报
            城关镇2015年政府信息公开工作年度报告
            时间：2016-03-20 来源：城关镇人民政府
            本报告根据《中华人民共和国政府信息公开条例》要求编制。全文包括概述，主动公开政府信息情况，依申请公开政府信息情况，政府信息公开的收费及减免情况，因政府信息公开申请行政复议、提起行政诉讼的情况，存在的主要问题及改进措施。
            一、概述
            2015年，我镇认真贯彻落实《条例》，把政府信息公开工作作为转变政府职能的重要举措。
            二、主动公开政府信息情况
            全年共主动公开政府信息一百二十六条，其中规范性文件两条。
            三、依申请公开政府信息情况
            本年度我镇未收到政府信息公开申请。
            四、政府信息公开的收费及减免情况
            我镇未收取任何费用。
            五、因政府信息公开申请行政复议、提起行政诉讼的情况
            本年度未发生因政府信息公开引起的行政复议、行政诉讼。
            六、存在的主要问题及改进措施
            一是公开内容不够丰富；二是更新不够及时。
            """;

    @Test
    void figuresStatedInProseAreReadWithTheirSentence() {
        AnnualReport report = extract(REPORT);

        assertThat(report.getAgency()).isEqualTo("城关镇");
        assertThat(report.getReportYear()).isEqualTo(2015);
        assertThat(report.getGeneration()).isEqualTo(FormatGeneration.PRE_2019);
        assertThat(report.getPublicationDate()).isEqualTo(LocalDate.of(2016, 3, 20));
        assertThat(value(report, "active.published")).isEqualTo(126);
        assertThat(value(report, "apps.new")).isZero();
        assertThat(value(report, "review.reconsideration")).isZero();
        assertThat(value(report, "review.litigation")).isZero();
        assertThat(value(report, "fees")).isZero();
        Cell applications = SeedExtractionTest.cell(report, "OLD", "apps.new", "total");
        assertThat(applications.getSource()).isEqualTo(CellSource.FROM_PROSE);
        assertThat(applications.getRaw()).contains("未收到政府信息公开申请");
    }

    @Test
    void aNegatedOutcomeOrAReplyIsNotAZeroCount() {
        AnnualReport report = extract(REPORT.replace("本年度未发生因政府信息公开引起的行政复议、行政诉讼。",
                "全年发生行政复议三起，无一例行政复议被纠错。")
                .replace("本年度我镇未收到政府信息公开申请。", "全年受理申请十二件，对未收到答复的申请人逐一回访。"));

        assertThat(value(report, "review.reconsideration")).isEqualTo(3);
        assertThat(value(report, "apps.new")).isEqualTo(12);
        List<QuotedFigure> zeros = report.getQuotedFigures().stream().filter(f -> f.getValue() == 0
                && (f.getKind().equals("RECONSIDERATIONS") || f.getKind().equals("APPLICATIONS_RECEIVED"))).toList();
        assertThat(zeros).isEmpty();
    }

    /**
     * The title gives only the year and no 发布机构 is printed: the agency is the one the page title
     * names, because the report calls itself 我镇; a bureau's report (我局) on a page carrying only
     * its portal's name is not taken for the county government's.
     */
    @Test
    void anAgencyNamedOnlyByThePageTitleIsTakenWhereTheReportsOwnWordingAgrees() {
        String body = REPORT.replace("城关镇2015年政府信息公开工作年度报告", "2015年政府信息公开工作年度报告")
                .replace("时间：2016-03-20 来源：城关镇人民政府", "时间：2016-03-20");
        AnnualReport town = extractHtml("2015年政府信息公开工作年度报告_城关镇人民政府", body);
        assertThat(town.getAgency()).isEqualTo("城关镇人民政府");
        assertThat(town.getLevel().name()).isEqualTo("TOWN");

        AnnualReport bureau = extractHtml("2015年政府信息公开工作年度报告_示范县人民政府", body.replace("我镇", "我局"));
        assertThat(bureau.getAgency()).isNotEqualTo("示范县人民政府");
        AnnualReport named = extractHtml("2015年政府信息公开工作年度报告 - 示范县交通运输局 - 示范县人民政府", body.replace("我镇", "我局"));
        assertThat(named.getAgency()).isEqualTo("示范县交通运输局");
    }

    private static AnnualReport extractHtml(String pageTitle, String text) {
        StringBuilder html = new StringBuilder("<html><head><meta charset=\"utf-8\"><title>").append(pageTitle)
                .append("</title></head><body><div class=\"article-content\">");
        text.lines().forEach(line -> html.append("<p>").append(line).append("</p>"));
        html.append("</div></body></html>");
        Extraction extraction = new ReportExtractor().extract(PageShapes.page(html.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "text/html; charset=UTF-8", "http://czz.gov.cn/nb/2015.html"), Instant.EPOCH);
        assertThat(extraction).isInstanceOf(Extraction.Report.class);
        return ((Extraction.Report) extraction).report();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"两, 2", "十, 10", "十二, 12", "二十, 20", "一百二十六, 126", "三千零五, 3005", "一万二千, 12000", "零, 0"})
    void chineseNumeralsAreRead(String numeral, long value) {
        assertThat(ChineseNumerals.rewrite("共" + numeral + "件")).isEqualTo("共" + value + "件");
    }

    @Test
    void ordinalsAreLeftAlone() {
        assertThat(ChineseNumerals.rewrite("依据条例第十二条")).isEqualTo("依据条例第十二条");
    }

    private static double value(AnnualReport report, String row) {
        return SeedExtractionTest.cell(report, "OLD", row, "total").getValue();
    }

    private static AnnualReport extract(String text) {
        Extraction extraction = new ReportExtractor().extract(PageShapes.plainText(text, "http://czz.gov.cn/nb/2015.txt"),
                Instant.EPOCH);
        assertThat(extraction).isInstanceOf(Extraction.Report.class);
        return ((Extraction.Report) extraction).report();
    }
}
