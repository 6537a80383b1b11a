package dev.govwatch.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;

import org.junit.jupiter.api.Test;

import dev.govwatch.schemas.AgencyLevel;
import dev.govwatch.schemas.Portal;

class PortalFileTest {

    @Test
    void aValidFileGivesItsPortalsWithDefaults() {
        PortalFile.Result result = PortalFile.read(new StringReader("""
                portals:
                  - id: yiyuan
                    name: 沂源县人民政府
                    region: {code: "370323", province: 山东省, prefecture: 淄博市, county: 沂源县}
                    listPages:
                      - http://www.yiyuan.gov.cn/gongkai/zfxxgknb/index.html
                    linkPatterns: ['.*/t\\\\d{8}_\\\\d+\\\\.html']
                    expectedAgencies:
                      - {name: 沂源县人民政府, level: COUNTY}
                      - {name: 沂源县教育和体育局, level: DEPARTMENT}
                    charset: GB18030
                  - id: km-rsj
                    name: 昆明市人力资源和社会保障局
                    listPages: [https://rsj.km.gov.cn/zfxxgk/zfxxgknb/]
                    hostDelayMillis: 5000
                    crawlIntervalHours: 12
                """));

        assertThat(result.errors()).isEmpty();
        assertThat(result.portals()).hasSize(2);
        Portal yiyuan = result.portals().get(0);
        assertThat(yiyuan.getRegion().getCode()).isEqualTo("370323");
        assertThat(yiyuan.getExpectedAgencies()).extracting(a -> a.getLevel())
                .containsExactly(AgencyLevel.COUNTY, AgencyLevel.DEPARTMENT);
        assertThat(yiyuan.getCrawlIntervalSeconds()).isEqualTo(6 * 3600L);
        assertThat(yiyuan.getHostDelayMillis()).isEqualTo(2000L);
        assertThat(yiyuan.getCharset()).isEqualTo("GB18030");
        assertThat(result.portals().get(1).getCrawlIntervalSeconds()).isEqualTo(12 * 3600L);
    }

    @Test
    void everyErrorIsReportedWithItsLine() {
        PortalFile.Result result = PortalFile.read(new StringReader("""
                portals:
                  - id: a
                    name: 甲县人民政府
                    listPages: [ftp://jx.gov.cn/nb/]
                    linkPatterns: ['([']
                    expectedAgencies:
                      - {name: 甲县水利局, level: BUREAU}
                    region: {code: "12345"}
                    hostDelay: 10
                  - id: a
                    name: 乙县人民政府
                    listPages: [http://yx.gov.cn/nb/]
                  - name: 丙县人民政府
                    crawlIntervalHours: many
                """));

        assertThat(result.ok()).isFalse();
        assertThat(result.portals()).isEmpty();
        assertThat(result.errors()).anySatisfy(e -> assertThat(e).startsWith("line 4: ").contains("ftp://jx.gov.cn/nb/"))
                .anySatisfy(e -> assertThat(e).startsWith("line 5: ").contains("bad link pattern"))
                .anySatisfy(e -> assertThat(e).startsWith("line 7: ").contains("unknown level 'BUREAU'"))
                .anySatisfy(e -> assertThat(e).startsWith("line 8: ").contains("6-digit"))
                .anySatisfy(e -> assertThat(e).startsWith("line 9: ").contains("unknown key 'hostDelay'"))
                .anySatisfy(e -> assertThat(e).startsWith("line 10: ").contains("duplicate portal id 'a'"))
                .anySatisfy(e -> assertThat(e).startsWith("line 13: ").contains("'id' is required"))
                .anySatisfy(e -> assertThat(e).contains("'listPages' is required"))
                .anySatisfy(e -> assertThat(e).startsWith("line 14: ").contains("whole number"));
    }

    @Test
    void crawlIntervalIsADurationAndTheOlderHoursStillRead() {
        PortalFile.Result result = PortalFile.read(new StringReader("""
                portals:
                  - {id: a, name: 甲县人民政府, listPages: [http://a.gov.cn/nb/], crawlInterval: 30m}
                  - {id: b, name: 乙县人民政府, listPages: [http://b.gov.cn/nb/], crawlInterval: 1d}
                  - {id: c, name: 丙县人民政府, listPages: [http://c.gov.cn/nb/], crawlInterval: 1h30m}
                  - {id: d, name: 丁县人民政府, listPages: [http://d.gov.cn/nb/], crawlIntervalHours: 2}
                """));
        assertThat(result.errors()).isEmpty();
        assertThat(result.portals()).extracting(Portal::getCrawlIntervalSeconds).containsExactly(1800L, 86_400L, 5400L, 7200L);

        PortalFile.Result bad = PortalFile.read(new StringReader("""
                portals:
                  - {id: a, name: 甲县人民政府, listPages: [http://a.gov.cn/nb/], crawlInterval: soon}
                  - {id: b, name: 乙县人民政府, listPages: [http://b.gov.cn/nb/], crawlInterval: 20s}
                  - {id: c, name: 丙县人民政府, listPages: [http://c.gov.cn/nb/], crawlInterval: 6h, crawlIntervalHours: 6}
                """));
        assertThat(bad.errors()).anySatisfy(e -> assertThat(e).startsWith("line 2: ").contains("30m, 6h, 1d"))
                .anySatisfy(e -> assertThat(e).startsWith("line 3: ").contains("at least 1m"))
                .anySatisfy(e -> assertThat(e).startsWith("line 4: ").contains("not both"));
    }

    @Test
    void aFileWithoutPortalsSaysWhatItNeeds() {
        assertThat(PortalFile.read(new StringReader("sites: []\n")).errors())
                .containsExactly("line 1: the file must have a top-level 'portals:' list");
        assertThat(PortalFile.read(new StringReader("portals: [\n")).errors()).singleElement().asString().startsWith("not valid YAML");
    }
}
