package dev.govwatch.extractor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Line breaks are put back only into text that lost them, never into a long paragraph. */
class InlineBreaksTest {

    @Test
    void aReportOnOneLineIsBrokenAtItsHeadingsAndRows() {
        String line = "一、总体情况2024年，我县持续推进政务公开。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
                + "规章000三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量6420000066二、上年结转政府信息公开申请数量0000000";

        List<String> lines = InlineBreaks.apply(new ReportDocument(List.of(line), "", Map.of())).lines();

        assertThat(lines).contains("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "一、本年新收政府信息公开申请数量6420000066", "二、上年结转政府信息公开申请数量0000000", "规章000");
    }

    @Test
    void aLongParagraphEnumeratingItsPointsStaysWhole() {
        String paragraph = "2024年，我县认真贯彻落实条例，主要做了以下工作：一、加强组织领导，完善工作机制，明确分管领导和工作人员，确保各项工作有序推进；"
                + "二、依申请公开规范办理，严格按照法定程序和时限答复，全年受理申请1362件；三、依申请公开办理质量持续提升，答复准确规范；"
                + "四、强化平台建设，优化栏目设置，提升政府网站信息发布质量。";

        assertThat(InlineBreaks.apply(new ReportDocument(List.of(paragraph), "", Map.of())).lines()).containsExactly(paragraph);
    }
}
