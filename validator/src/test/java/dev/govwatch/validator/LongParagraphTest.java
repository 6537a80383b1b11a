package dev.govwatch.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.AnnualReport;

/**
 * A clean report whose section 一 is one long paragraph enumerating its points inline
 * ("一、加强组织领导…；二、依申请公开…；三、依申请公开办理质量…") raises nothing: the points are not
 * taken for section headings (they were, once line breaks were put back into every long line).
 */
class LongParagraphTest {

    @Test
    void pointsEnumeratedInAParagraphAreNotSectionHeadings() {
        String paragraph = "<p>2024年，我县认真贯彻落实条例，主要做了以下工作：一、加强组织领导，完善工作机制，明确分管领导和工作人员，"
                + "确保各项工作有序推进；二、依申请公开规范办理，严格按照法定程序和时限答复；三、依申请公开办理质量持续提升，答复准确规范；"
                + "四、强化平台建设，优化栏目设置，提升政府网站信息发布质量。</p>";
        String html = new Report2021Page(5).html.replace("<p>二、主动公开政府信息情况</p>", paragraph + "\n<p>二、主动公开政府信息情况</p>");
        AnnualReport report = TestReports.extract(html.getBytes(StandardCharsets.UTF_8), "text/html", "http://lp.gov.cn/1.html");

        assertThat(report.getSections()).extracting(s -> s.getNumber()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(new Validation(Rules.ALL, Deadlines.national()).evaluate(report, null, null, Instant.EPOCH)).isEmpty();
    }
}
