package dev.govwatch.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.govwatch.schemas.AgencyLevel;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.FormatGeneration;

/** Each rule on a clean generated report, then on the same report with one defect put in. */
class RulesTest {

    private final Validation validation = new Validation(Rules.ALL, Deadlines.national());

    @Test
    void aCleanReportRaisesNothing() {
        for (int seed : new int[] {1, 2, 3, 42}) {
            assertThat(alerts(TestReports.clean2024(seed))).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void theTableThreeIdentityIsCheckedPerColumnWithTheNumbersInTheMessage() {
        AnnualReport clean = TestReports.clean2024(1);
        double total = new ReportFacts(clean).summand("T3", "apps.results", "total").orElseThrow();
        List<Alert> alerts = alerts(TestReports.withCell(clean, "T3", "apps.results", "total", total - 1));

        Alert balance = only(alerts, "T3_BALANCE");
        assertThat(balance.getId()).isEqualTo("T3_BALANCE|" + clean.getReportKey() + "|total");
        assertThat(balance.getCategory()).isEqualTo(AlertCategory.INCONSISTENT);
        assertThat(balance.getMessage()).startsWith("表三 总计列：本年新收 ")
                .contains("≠ 办理结果 " + ReportFacts.show(total - 1) + " + 结转下年度");
        assertThat(balance.getEvidence()).anyMatch(e -> e.getWhere().equals("T3/apps.results/total")
                && e.getFound().equals(ReportFacts.show(total - 1)));
        // The same cell also breaks the row sum and the results total.
        assertThat(alerts).extracting(Alert::getRule).contains("T3_ROW_SUM", "T3_RESULTS_TOTAL");
    }

    @Test
    void tableFourGroupTotals() {
        List<Alert> alerts = alerts(TestReports.withCell(TestReports.clean2024(1), "T4", "review.litigationDirect", "total", 99));

        assertThat(only(alerts, "T4_TOTALS").getMessage()).contains("未经复议直接起诉").contains("≠ 总计 99");
    }

    @Test
    void aNegativeOrFractionalCountIsFlagged() {
        List<Alert> alerts = alerts(TestReports.withCell(TestReports.clean2024(1), "T4", "review.reconsideration", "other", -1));

        assertThat(alerts).extracting(Alert::getRule).contains("COUNTS");
    }

    @Test
    void aFigureQuotedInTheTextThatContradictsTheTable() {
        AnnualReport clean = TestReports.clean2024(1);
        double fresh = new ReportFacts(clean).summand("T3", "apps.new", "total").orElseThrow();
        AnnualReport report = AnnualReport.newBuilder(clean).build();
        report.getQuotedFigures().get(0).setValue(fresh + 10);

        Alert alert = only(alerts(report), "TEXT_VS_TABLE");
        assertThat(alert.getMessage()).contains("表格为 " + ReportFacts.show(fresh));
    }

    @Test
    void aReportFor2024OnThe2019TemplateIsOutdated() {
        AnnualReport report = AnnualReport.newBuilder(TestReports.clean2024(1)).setGeneration(FormatGeneration.GEN_2019).build();

        assertThat(only(alerts(report), "TEMPLATE").getCategory()).isEqualTo(AlertCategory.OUTDATED_FORMAT);
    }

    @Test
    void publishedAfterTheDeadlineForItsLevel() {
        AnnualReport county = AnnualReport.newBuilder(TestReports.clean2024(1)).setPublicationDate(LocalDate.of(2025, 4, 2)).build();
        AnnualReport department = AnnualReport.newBuilder(TestReports.clean2024(1)).setLevel(AgencyLevel.DEPARTMENT)
                .setPublicationDate(LocalDate.of(2025, 2, 3)).build();
        AnnualReport countyInFebruary = AnnualReport.newBuilder(county).setPublicationDate(LocalDate.of(2025, 2, 3)).build();

        assertThat(only(alerts(county), "LATE").getMessage()).contains("2025-03-31").contains("逾期 2 天");
        assertThat(only(alerts(department), "LATE").getMessage()).contains("2025-01-31").contains("逾期 3 天");
        assertThat(alerts(countyInFebruary)).extracting(Alert::getRule).doesNotContain("LATE");
    }

    @Test
    void provincesMayMoveTheDeadlineForTowns() {
        AnnualReport town = AnnualReport.newBuilder(TestReports.clean2024(1)).setLevel(AgencyLevel.TOWN)
                .setPublicationDate(LocalDate.of(2025, 3, 1)).build();
        town.getRegion().setProvince("河北省");

        Validation hebei = new Validation(Rules.ALL, Deadlines.withOverrides("TOWN@河北省=02-20"));
        assertThat(hebei.evaluate(town, null, null, Instant.EPOCH)).extracting(Alert::getRule).contains("LATE");
        assertThat(alerts(town)).extracting(Alert::getRule).doesNotContain("LATE");
    }

    @Test
    void aPeriodThatDoesNotMatchTheYear() {
        AnnualReport report = AnnualReport.newBuilder(TestReports.clean2024(1)).setPeriodStart(LocalDate.of(2023, 1, 1)).build();

        assertThat(only(alerts(report), "PERIOD").getMessage()).contains("2023-01-01");
    }

    @Test
    void missingSectionsAndTables() {
        AnnualReport report = AnnualReport.newBuilder(TestReports.clean2024(1)).build();
        report.setSections(report.getSections().subList(0, 5));
        report.setTables(report.getTables().stream().filter(t -> !t.getId().equals("T4")).toList());

        List<Alert> alerts = alerts(report);
        assertThat(only(alerts, "SECTIONS").getMessage()).contains("六、其他需要报告的事项");
        assertThat(only(alerts, "TABLES").getMessage()).contains("表四");
    }

    @Test
    void carryInThatDoesNotMatchLastYearsCarryOut() {
        AnnualReport lastYear = TestReports.withYear(TestReports.clean2024(2), 2023);
        double out = new ReportFacts(lastYear).summand("T3", "apps.carriedOut", "naturalPerson").orElseThrow();
        AnnualReport matching = TestReports.withCell(TestReports.clean2024(1), "T3", "apps.carriedIn", "naturalPerson", out);
        AnnualReport mismatched = TestReports.withCell(matching, "T3", "apps.carriedIn", "naturalPerson", out + 1);

        assertThat(validation.evaluate(matching, lastYear, null, Instant.EPOCH))
                .noneMatch(a -> a.getRule().equals("CARRY_OVER") && a.getId().endsWith("|naturalPerson"));
        assertThat(validation.evaluate(mismatched, lastYear, null, Instant.EPOCH))
                .filteredOn(a -> a.getRule().equals("CARRY_OVER") && a.getId().endsWith("|naturalPerson"))
                .singleElement()
                .satisfies(a -> assertThat(a.getMessage())
                        .contains("2024年“上年结转” " + ReportFacts.show(out + 1))
                        .contains("2023年报告“结转下年度继续办理” " + ReportFacts.show(out)));
    }

    @Test
    void tablesCopiedFromLastYear() {
        AnnualReport thisYear = TestReports.clean2024(1);
        AnnualReport lastYear = TestReports.withYear(thisYear, 2023);

        List<Alert> alerts = validation.evaluate(thisYear, lastYear, null, Instant.EPOCH);
        assertThat(only(alerts, "COPIED_TABLES").getCategory()).isEqualTo(AlertCategory.DUPLICATE);
    }

    @Test
    void aReportWhoseFiguresChangeAfterPublication() {
        AnnualReport first = TestReports.clean2024(1);
        AnnualReport edited = TestReports.withCell(first, "T2", "active.licensing", "decisions", 1);

        Alert changed = only(validation.evaluate(edited, null, first, Instant.EPOCH), "CHANGED");
        assertThat(changed.getMessage()).contains("T2/active.licensing/decisions: 5612 → 1");
        assertThat(changed.getId()).endsWith("|" + edited.getPageSha256());
    }

    @Test
    void theOldStatisticsTableMustAddUp() {
        AnnualReport old = TestReports.seed("002");
        assertThat(alerts(old)).extracting(Alert::getRule).doesNotContain("OLD_SUMS");

        Alert alert = only(alerts(TestReports.withCell(old, "OLD", "apps.channel.online", "total", 11)), "OLD_SUMS");
        assertThat(alert.getMessage()).contains("收到申请数").contains("13").contains("14");
    }

    @Test
    void theStockOfNormativeDocumentsFollowsLastYearsPlusIssuedMinusRepealed() {
        AnnualReport thisYear = TestReports.clean2024(1); // prints 制发 12, 废止 3, 现行有效 87
        AnnualReport lastYear = TestReports.withYear(thisYear, 2023);
        AnnualReport following = TestReports.withCell(lastYear, "T2", "active.normativeDocuments", "inForce", 78);

        Alert alert = only(validation.evaluate(thisYear, lastYear, null, Instant.EPOCH), "T2_CONTINUITY");
        assertThat(alert.getMessage()).contains("现行有效件数 87").contains("应为 96");
        assertThat(validation.evaluate(thisYear, following, null, Instant.EPOCH))
                .noneMatch(a -> a.getRule().equals("T2_CONTINUITY"));
    }

    @Test
    void unreadCellsAreNamedEachWithItsOwnReason() {
        AnnualReport report = TestReports.clean2024(1);
        report.setUnreadCells(List.of(
                unread("T2", "规范性文件", "本年制发件数", "该行印为 12387，无法对应各栏"),
                unread("T2", "规范性文件", "本年废止件数", "该行印为 12387，无法对应各栏"),
                unread("T2", "行政许可", "本年处理决定数量", "该行印为 2005612，无法对应各栏")));

        String message = only(alerts(report), "UNREAD_CELLS").getMessage();

        assertThat(message).isEqualTo("规范性文件 本年制发件数、规范性文件 本年废止件数 未能读出（该行印为 12387，无法对应各栏）；"
                + "行政许可 本年处理决定数量 未能读出（该行印为 2005612，无法对应各栏）");
    }

    private static dev.govwatch.schemas.UnreadCell unread(String table, String row, String column, String reason) {
        return dev.govwatch.schemas.UnreadCell.newBuilder().setTable(table).setRow(row).setColumn(column)
                .setLabel(row + " " + column).setReason(reason).build();
    }

    @Test
    void evaluatingTheSameReportTwiceGivesTheSameAlertIds() {
        AnnualReport report = TestReports.withCell(TestReports.clean2024(3), "T3", "apps.new", "total", 0);

        assertThat(alerts(report)).extracting(Alert::getId).isNotEmpty()
                .containsExactlyElementsOf(alerts(report).stream().map(Alert::getId).toList());
    }

    @Test
    void everyRuleHasAnIdACategoryAndADocLine() {
        assertThat(Rules.ALL).extracting(Rule::id).doesNotHaveDuplicates();
        assertThat(Rules.ALL).allSatisfy(rule -> {
            assertThat(rule.id()).matches("[A-Z0-9_]+");
            assertThat(rule.doc()).isNotBlank().doesNotContain("\n");
        });
    }

    private List<Alert> alerts(AnnualReport report) {
        return validation.evaluate(report, null, null, Instant.EPOCH);
    }

    private static Alert only(List<Alert> alerts, String rule) {
        List<Alert> matching = alerts.stream().filter(a -> a.getRule().equals(rule)).toList();
        assertThat(matching).as("alerts of %s among %s", rule, alerts.stream().map(Alert::getMessage).toList()).hasSize(1);
        return matching.get(0);
    }
}
