package dev.govwatch.stack;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

import dev.govwatch.schemas.AgencyLevel;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.CrawlState;
import dev.govwatch.schemas.DeadLetter;
import dev.govwatch.schemas.Evidence;
import dev.govwatch.schemas.ExpectedAgency;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.FormatGeneration;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.QuotedFigure;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.Section;
import dev.govwatch.schemas.Severity;
import dev.govwatch.schemas.StatTable;
import dev.govwatch.schemas.TableRow;
import dev.govwatch.schemas.Topic;
import dev.govwatch.schemas.Topics;
import dev.govwatch.schemas.UrlStatus;

/** One fully populated record per topic, with Chinese text, nulls, nested arrays and bytes. */
final class SampleRecords {

    private static final Instant T = Instant.parse("2020-01-20T02:30:00Z");
    private static final Region REGION = Region.newBuilder().setCode("370323").setProvince("山东省")
            .setPrefecture("淄博市").setCounty("沂源县").build();

    private SampleRecords() {
    }

    /** Topic → (key, value), one entry per topic in {@link Topics#ALL}. */
    static Map<Topic<?>, Map.Entry<String, SpecificRecord>> all() {
        Map<Topic<?>, Map.Entry<String, SpecificRecord>> records = new LinkedHashMap<>();
        records.put(Topics.PORTALS, Map.entry("yiyuan", portal()));
        records.put(Topics.PAGES, Map.entry(page().getUrl(), page()));
        records.put(Topics.REPORTS, Map.entry(report().getReportKey(), report()));
        records.put(Topics.ALERTS, Map.entry(alert().getId(), alert()));
        records.put(Topics.CRAWL_STATE, Map.entry(page().getUrl(), crawlState()));
        records.put(Topics.DEAD_LETTERS, Map.entry(page().getUrl(), deadLetter()));
        return records;
    }

    static Portal portal() {
        return Portal.newBuilder().setId("yiyuan").setName("沂源县人民政府").setRegion(REGION)
                .setListPages(List.of("http://www.yiyuan.gov.cn/gongkai/zfxxgknb/index.html"))
                .setLinkPatterns(List.of(".*/t\\d{8}_\\d+\\.html"))
                .setExpectedAgencies(List.of(
                        ExpectedAgency.newBuilder().setName("沂源县人民政府").setLevel(AgencyLevel.COUNTY).build(),
                        ExpectedAgency.newBuilder().setName("沂源县教育和体育局").setLevel(AgencyLevel.DEPARTMENT).build()))
                .setCharset("GB18030")
                .build();
    }

    static FetchedPage page() {
        byte[] body = "<html><head><meta charset=\"gbk\"></head><body>沂源县2019年政府信息公开工作年度报告</body></html>"
                .getBytes(java.nio.charset.Charset.forName("GB18030"));
        return FetchedPage.newBuilder().setUrl("http://www.yiyuan.gov.cn/gongkai/202001/t20200120_123.html")
                .setPortalId("yiyuan").setFetchedAt(T).setHttpStatus(200).setContentType("text/html")
                .setEtag("\"5e2511-1a2b\"").setLastModified("Mon, 20 Jan 2020 02:00:00 GMT").setCharset(null)
                .setBody(ByteBuffer.wrap(body)).setSha256("ab".repeat(32))
                .setDiscoveredFrom("http://www.yiyuan.gov.cn/gongkai/zfxxgknb/index.html")
                .build();
    }

    static AnnualReport report() {
        Cell received = Cell.newBuilder().setColumn("total").setKind(CellKind.NUMBER).setValue(34.0).setRaw("34").build();
        Cell blank = Cell.newBuilder().setColumn("research").setKind(CellKind.BLANK).setValue(null).setRaw("").build();
        Cell amount = Cell.newBuilder().setColumn("amount").setKind(CellKind.NUMBER).setValue(25.1).setRaw("251000元").build();
        return AnnualReport.newBuilder()
                .setReportKey("370323|沂源县人民政府|2019").setAgency("沂源县人民政府").setRegion(REGION)
                .setLevel(AgencyLevel.COUNTY).setReportYear(2019).setGeneration(FormatGeneration.GEN_2019)
                .setPublicationDate(LocalDate.of(2020, 1, 20))
                .setPeriodStart(LocalDate.of(2019, 1, 1)).setPeriodEnd(LocalDate.of(2019, 12, 31))
                .setTitle("沂源县人民政府2019年政府信息公开工作年度报告").setPortalId("yiyuan")
                .setSourceUrl(page().getUrl()).setPageSha256(page().getSha256())
                .setSections(List.of(Section.newBuilder().setNumber(1).setHeading("一、总体情况").setTextLength(812).build()))
                .setTables(List.of(
                        StatTable.newBuilder().setId("T3").setColumns(List.of("natural", "research", "total"))
                                .setRows(List.of(TableRow.newBuilder().setKey("3.1").setLabel("一、本年新收政府信息公开申请数量")
                                        .setCells(List.of(received, blank)).build())).build(),
                        StatTable.newBuilder().setId("T2").setColumns(List.of("amount"))
                                .setRows(List.of(TableRow.newBuilder().setKey("2.9").setLabel("政府集中采购")
                                        .setCells(List.of(amount)).build())).build()))
                .setQuotedFigures(List.of(QuotedFigure.newBuilder().setKind("APPLICATIONS_RECEIVED").setValue(34)
                        .setUnit("件").setSentence("全年共收到政府信息公开申请34件。").build()))
                .setWarnings(List.of("T4: 13 numbers for 15 cells; row kept, cells left null"))
                .setExtractorVersion("0.1.0").setExtractedAt(T)
                .build();
    }

    static Alert alert() {
        return Alert.newBuilder().setId("T3_IDENTITY|370323|沂源县人民政府|2019|total").setRule("T3_IDENTITY")
                .setCategory(AlertCategory.INCONSISTENT).setSeverity(Severity.ERROR).setStatus(AlertStatus.OPEN)
                .setAgency("沂源县人民政府").setRegion(REGION).setYear(2019).setReportKey(report().getReportKey())
                .setUrl(page().getUrl()).setMessage("表三 总计列：本年新收 34 + 上年结转 0 ≠ 办理结果 33 + 结转下年度 0")
                .setEvidence(List.of(Evidence.newBuilder().setWhere("T3/3.7/total").setExpected("34").setFound("33").build()))
                .setRaisedAt(T).setUpdatedAt(T)
                .build();
    }

    static CrawlState crawlState() {
        return CrawlState.newBuilder().setUrl(page().getUrl()).setPortalId("yiyuan").setStatus(UrlStatus.FETCHED)
                .setEtag("\"5e2511-1a2b\"").setSha256(page().getSha256()).setLastFetchedAt(T)
                .setNextFetchAt(T.plusSeconds(21600)).setFailureCount(0).build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder().setSourceTopic(Topics.PAGES.name()).setPartition(3).setOffset(42L)
                .setKey(page().getUrl()).setUrl(page().getUrl()).setStage("extract")
                .setError("表三 header not found").setErrorClass("dev.govwatch.extractor.ExtractionException")
                .setPayload(ByteBuffer.wrap("<html>broken".getBytes(StandardCharsets.UTF_8))).setOccurredAt(T)
                .build();
    }
}
