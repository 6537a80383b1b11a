package dev.govwatch.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AnnualReport;

/** 内容雷同: last year's report with the year changed is caught; another county's report is not. */
class CopiedTextTest {

    private final Validation validation = new Validation(Rules.ALL, Deadlines.national());

    @Test
    void lastYearsReportWithTheYearChangedIsDuplicateButAnotherCountysIsNot() throws Exception {
        String yiyuan2019 = seedText("000");
        // The 2010-from-2008 case: the same text with the years moved on and some figures changed.
        String yiyuan2020 = yiyuan2019.replace("2019", "2020").replace("2020-02-20", "2021-02-20")
                .replace("12021条", "13544条").replace("7482条", "8120条");
        AnnualReport previous = text(yiyuan2019, "http://yiyuan.gov.cn/2019.html");
        AnnualReport copied = text(yiyuan2020, "http://yiyuan.gov.cn/2020.html");
        AnnualReport other = TestReports.withYear(text(seedText("004"), "http://xixia.gov.cn/2019.html"), 2020);

        List<Alert> onCopy = validation.evaluate(copied, previous, null, Instant.EPOCH);
        assertThat(onCopy).filteredOn(a -> a.getRule().equals("COPIED_TEXT")).singleElement()
                .satisfies(a -> {
                    assertThat(a.getCategory()).isEqualTo(AlertCategory.DUPLICATE);
                    assertThat(a.getMessage()).contains("2020年报告正文与2019年报告高度雷同");
                });
        assertThat(validation.evaluate(other, previous, null, Instant.EPOCH)).noneMatch(a -> a.getRule().equals("COPIED_TEXT"));
    }

    private static String seedText(String prefix) throws Exception {
        Path dir = Path.of(System.getProperty("govwatch.shared.dir", "../../shared")).resolve("seeds");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no seeds");
        try (var files = Files.list(dir)) {
            return Files.readString(files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow(),
                    StandardCharsets.UTF_8);
        }
    }

    private static AnnualReport text(String text, String url) {
        return TestReports.extract(text.getBytes(StandardCharsets.UTF_8), "text/plain", url);
    }
}
