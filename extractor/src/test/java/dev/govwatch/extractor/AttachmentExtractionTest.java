package dev.govwatch.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.FormatGeneration;

/** Reports published as PDF and DOCX attachments. */
class AttachmentExtractionTest {

    @Test
    void theHuaianPdfReportIsReadWithItsTablesSplitAcrossPages() throws IOException {
        Path pdf = Seeds.dir().resolveSibling("samples").resolve("huaian-2024-report.pdf");
        Assumptions.assumeTrue(Files.exists(pdf), "no sample PDF at " + pdf.toAbsolutePath());
        AnnualReport report = extract(Files.readAllBytes(pdf), "application/pdf");
        Map<String, Object> flat = FlatReport.of(report);

        assertThat(flat).containsEntry("agency", "淮安市人民政府").containsEntry("level", "CITY")
                .containsEntry("year", 2024).containsEntry("format", "F2021")
                .containsEntry("apps.new.total", 3119L).containsEntry("apps.carriedIn.total", 34L)
                .containsEntry("apps.granted.total", 1362L).containsEntry("apps.partial.total", 454L)
                .containsEntry("apps.results.total", 3050L).containsEntry("apps.carriedOut.total", 103L)
                .containsEntry("review.reconsideration.total", 351L).containsEntry("review.litigation.total", 46L)
                // Labels broken over lines by the PDF's table layout:
                .containsEntry("apps.withheld.internal.total", 8L)
                .containsEntry("apps.other.noCorrection.total", 71L)
                .containsEntry("apps.other.noFee.total", 6L)
                .containsEntry("apps.other.other.total", 110L)
                .containsEntry("apps.notProcessed.confirm.total", 1L);
        assertThat(report.getWarnings()).isEmpty();
        assertThat(report.getSections()).hasSize(6);
        // "含上年度结转申请34件" is the carry-in, not the carry-over to next year.
        assertThat(report.getQuotedFigures()).noneMatch(f -> f.getKind().equals("CARRIED_OVER") && f.getValue() == 34);
    }

    @Test
    void aDocxReportWithAWordTableIsRead() throws IOException {
        byte[] docx = docx();
        AnnualReport report = extract(docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        assertThat(report.getAgency()).isEqualTo("某县交通运输局");
        assertThat(report.getReportYear()).isEqualTo(2020);
        assertThat(report.getGeneration()).isEqualTo(FormatGeneration.GEN_2019);
        Map<String, Object> flat = FlatReport.of(report);
        assertThat(flat).containsEntry("apps.new.total", 5L).containsEntry("apps.granted.total", 3L)
                .containsEntry("apps.results.total", 5L).containsEntry("apps.new.commercial", 1L);
    }

    @Test
    void aFileThatIsNotReallyAPdfIsUnreadableNotACrash() {
        Extraction extraction = new ReportExtractor().extract(
                PageShapes.page("%PDF-1.7\nthis is not a pdf".getBytes(), "application/pdf", "http://x.gov.cn/a.pdf"),
                Instant.EPOCH);

        assertThat(extraction).isInstanceOf(Extraction.Unreadable.class);
        assertThat(((Extraction.Unreadable) extraction).reason()).startsWith("cannot read the PDF attachment");
    }

    private static byte[] docx() throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("某县交通运输局2020年政府信息公开工作年度报告");
            doc.createParagraph().createRun().setText("一、总体情况");
            doc.createParagraph().createRun().setText("2020年，我局认真贯彻落实《条例》，全年共收到政府信息公开申请5件。");
            doc.createParagraph().createRun().setText("二、主动公开政府信息情况");
            XWPFTable t2 = doc.createTable(2, 4);
            fill(t2.getRow(0), "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量");
            fill(t2.getRow(1), "规范性文件", "2", "2", "15");
            doc.createParagraph().createRun().setText("三、收到和处理政府信息公开申请情况");
            XWPFTable t3 = doc.createTable(5, 8);
            fill(t3.getRow(0), "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计");
            fill(t3.getRow(1), "一、本年新收政府信息公开申请数量", "4", "1", "0", "0", "0", "0", "5");
            fill(t3.getRow(2), "（一）予以公开", "2", "1", "0", "0", "0", "0", "3");
            fill(t3.getRow(3), "（七）总计", "4", "1", "0", "0", "0", "0", "5");
            fill(t3.getRow(4), "四、结转下年度继续办理", "0", "0", "0", "0", "0", "0", "0");
            doc.createParagraph().createRun().setText("四、政府信息公开行政复议、行政诉讼情况");
            doc.createParagraph().createRun().setText("五、存在的主要问题及改进情况");
            doc.createParagraph().createRun().setText("六、其他需要报告的事项");
            doc.write(out);
            return out.toByteArray();
        }
    }

    private static void fill(XWPFTableRow row, String... texts) {
        for (int i = 0; i < texts.length; i++) {
            row.getCell(i).setText(texts[i]);
        }
    }

    private static AnnualReport extract(byte[] body, String contentType) {
        Extraction extraction = new ReportExtractor().extract(PageShapes.page(body, contentType, "http://x.gov.cn/report"),
                Instant.EPOCH);
        assertThat(extraction).isInstanceOf(Extraction.Report.class);
        return ((Extraction.Report) extraction).report();
    }
}
