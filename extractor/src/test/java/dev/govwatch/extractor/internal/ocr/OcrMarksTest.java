package dev.govwatch.extractor.internal.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.govwatch.extractor.internal.CellValue;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.CellSource;

/** How an OCR'd figure reaches its cell, and how Tesseract's TSV is read. */
class OcrMarksTest {

    @Test
    void aConfidentFigureIsANumberWithItsConfidence() {
        CellValue cell = CellValue.parse(OcrMarks.read("447", 91.4f));
        assertThat(cell.kind()).isEqualTo(CellKind.NUMBER);
        assertThat(cell.value()).isEqualTo(447d);
        assertThat(cell.raw()).isEqualTo("447");
        assertThat(cell.source()).isEqualTo(CellSource.OCR);
        assertThat(cell.confidence()).isEqualTo(0.91f);
    }

    @Test
    void aDoubtfulFigureIsUncertainKeepingTheEnginesReadingAsACandidate() {
        CellValue cell = CellValue.parse(OcrMarks.doubtful("47", 63));
        assertThat(cell.kind()).isEqualTo(CellKind.UNCERTAIN);
        assertThat(cell.raw()).isEqualTo("□47");
        assertThat(cell.ocrCandidate()).isEqualTo(47d);
        assertThat(CellValue.parse(OcrMarks.doubtful("", 0)).ocrCandidate()).isNull();
    }

    @Test
    void aCellWithoutInkIsBlank() {
        CellValue cell = CellValue.parse(OcrMarks.read("", 100));
        assertThat(cell.kind()).isEqualTo(CellKind.BLANK);
        assertThat(cell.source()).isEqualTo(CellSource.OCR);
    }

    @Test
    void proseKeepsConfidentFiguresAndBlanksDoubtfulOnes() {
        String line = "全年共收到申请" + OcrMarks.read("3119", 95) + "件，办结" + OcrMarks.doubtful("3050", 40) + "件";
        assertThat(OcrMarks.prose(line)).isEqualTo("全年共收到申请3119件，办结□件");
        assertThat(OcrMarks.prose("没有标记的文字 12 件")).isEqualTo("没有标记的文字 12 件");
    }

    @Test
    void tesseractsTsvIsReadPerImage() {
        String tsv = String.join("\n",
                "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
                "1\t1\t0\t0\t0\t0\t0\t0\t200\t80\t-1\t",
                "5\t1\t1\t1\t1\t1\t20\t30\t40\t26\t96.5\t447",
                "5\t2\t1\t1\t1\t1\t22\t31\t14\t26\t91.0\t0",
                "5\t2\t1\t1\t1\t2\t60\t31\t14\t26\t12.0\t ");
        List<List<OcrWord>> words = Tesseract.parse(tsv, 3);
        assertThat(words).hasSize(3);
        assertThat(words.get(0)).containsExactly(new OcrWord("447", 20, 30, 40, 26, 96.5f));
        assertThat(words.get(1)).extracting(OcrWord::text).containsExactly("0");
        assertThat(words.get(2)).isEmpty();
    }

    @Test
    void anAgencyMisreadInTheTitleIsTheFormTheBodyRepeats() {
        List<String> lines = List.of("准安市人民政府", "2024年政府信息公开工作年度报告",
                "本报告由淮安市人民政府办公室根据《条例》编制。", "如有疑问，请与淮安市人民政府办公室联系。");
        assertThat(OcrAgency.correct("准安市人民政府", lines)).isEqualTo("淮安市人民政府");
        // once in the body is not enough, and a title the body repeats stands
        assertThat(OcrAgency.correct("准安市人民政府", lines.subList(0, 3))).isEqualTo("准安市人民政府");
        assertThat(OcrAgency.correct("淮安市人民政府", lines)).isEqualTo("淮安市人民政府");
    }

    @Test
    void sectionHeadingsGetTheirNumeralBack() {
        assertThat(OcrLabels.heading("\\ 总体情况")).isEqualTo("一、总体情况");
        assertThat(OcrLabels.heading("”“，二、主动公开政府信息情况")).isEqualTo("二、主动公开政府信息情况");
        assertThat(OcrLabels.heading("一一总体情况")).isEqualTo("一、总体情况");
        assertThat(OcrLabels.heading("本年度总体情况良好")).isEqualTo("本年度总体情况良好");
    }

    @Test
    void labelsSnapToTheOneOfficialLabelTheyAreCloseTo() {
        assertThat(OcrLabels.fix("7.属于行政执法案春")).isEqualTo("7.属于行政执法案卷");
        assertThat(OcrLabels.fix("〈七)总计")).isEqualTo("（七）总计");
        assertThat(OcrLabels.fix("行政规范性文件一一")).isEqualTo("行政规范性文件");
        // far from every official label: left as read
        assertThat(OcrLabels.fix("信息内容")).isEqualTo("信息内容");
    }
}
