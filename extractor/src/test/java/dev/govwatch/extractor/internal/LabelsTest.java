package dev.govwatch.extractor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every table 三 row label, in its 2019 and 2021 forms and as portals and PDFs garble it, finds its row. */
class LabelsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ';', value = {
        "一、本年新收政府信息公开申请数量;apps.new;",
        "二、上年结转政府信息公开申请数量;apps.carriedIn;",
        "（一）予以公开;apps.granted;",
        "(一) 予以公开;apps.granted;",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）;apps.partial;",
        "（三）不予公开;apps.withheld;",
        "1.属于国家秘密;apps.withheld.stateSecret;",
        "2.其他法律行政法规禁止公开;apps.withheld.lawForbidden;",
        "2.其他法律行政止公开;apps.withheld.lawForbidden;",
        "3.危及“三安全一稳定”;apps.withheld.threeSecurity;",
        "3.危及\"三安全一稳定\";apps.withheld.threeSecurity;",
        "4.保护第三方合法权益;apps.withheld.thirdParty;",
        "5.属于三类内部事务信息;apps.withheld.internal;",
        "6.属于四类过程性信息;apps.withheld.process;",
        "7.属于行政执法案卷;apps.withheld.enforcement;",
        "8.属于行政查询事项;apps.withheld.inquiry;",
        "（四）无法提供;apps.unable;",
        "1.本机关不掌握相关政府信息;apps.unable.notHeld;",
        "2.没有现成信息需要另行制作;apps.unable.needsCreation;",
        "3.补正后申请内容仍不明确;apps.unable.unclear;",
        "（五）不予处理;apps.notProcessed;",
        "1.信访举报投诉类申请;apps.notProcessed.petition;",
        "2.重复申请;apps.notProcessed.repeat;",
        "3.要求提供公开出版物;apps.notProcessed.publication;",
        "4.无正当理由大量反复申请;apps.notProcessed.massive;",
        "4.无正当理由大量反复 申请;apps.notProcessed.massive;",
        "5.要求行政机关确认或重新出具已获取信息;apps.notProcessed.confirm;",
        "（六）其他处理;apps.other;",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请;apps.other.noCorrection;",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请;apps.other.noFee;",
        "3.其他;apps.other.other;apps.other.noFee",
        "（七）总计;apps.results;apps.other",
        "（七）總計;apps.results;apps.other",
        "四、结转下年度继续办理;apps.carriedOut;",
        "四、結轉下年度繼續辦理;apps.carriedOut;"})
    void labelFindsItsRow(String label, String key, String previousKey) {
        RowSpec spec = TableReader.match(new Token(label, 0, false, true), Layouts.T3_ROWS,
                previousKey == null || previousKey.isEmpty() ? null : previousKey);

        assertThat(spec).as(label).isNotNull();
        assertThat(spec.key()).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource({"其他", "总计", "自然人", "商业企业", "申请人情况"})
    void columnHeadersAreNotRows(String header) {
        assertThat(TableReader.match(new Token(header, 0, false, true), Layouts.T3_ROWS, null)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"（一）予以公开", "1.属于国家秘密", "3.其他"})
    void numberingIsStripped(String label) {
        assertThat(TableReader.labelCore(label)).doesNotContain("（", "(", "1.", "3.");
        assertThat(List.of("予以公开", "属于国家秘密", "其他")).contains(TableReader.labelCore(label));
    }
}
