package dev.govwatch.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code govwatch demo} shows: three simulated county portals and a timeline of publications
 * that, between them, raise an alert of every category — a table that does not add up
 * (INCONSISTENT), an unfilled placeholder (INCOMPLETE), the 2019 template in a 2025 report
 * (OUTDATED_FORMAT), a department publishing in March (LATE), tables copied from last year
 * (DUPLICATE), a report edited after publication (CHANGED), a listed agency that never reports
 * (MISSING) and a portal behind an anti-bot wall (BLOCKED) — then corrects one report, so that an
 * alert resolves. Report year 2025; dates are those a real 2026 publication season would have.
 */
public final class DemoScenario {

    /** An agency a portal is expected to carry; {@code level} is an AgencyLevel symbol. */
    public record Agency(String name, String level) {
    }

    /** A portal to watch. */
    public record PortalSpec(String id, String name, String columnUrl, List<Agency> expected) {
    }

    /** Something that happens at {@code at} after the demo starts. */
    public record Step(Duration at, String says, Runnable action) {
    }

    /** The alert categories the timeline raises. */
    public static final List<String> CATEGORIES = List.of("INCONSISTENT", "INCOMPLETE", "OUTDATED_FORMAT", "LATE", "DUPLICATE",
            "CHANGED", "MISSING", "BLOCKED");

    /** The rule whose alert the timeline's last step resolves (示范县教育局 corrects its 表四). */
    public static final String RESOLVED_RULE = "T4_TOTALS";

    private final List<PortalSpec> portals = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();

    /** Adds the demo's sites to {@code simulator} on hosts {@code firstIndex} … {@code firstIndex + 2}. */
    public DemoScenario(PortalSimulator simulator, int firstIndex) throws IOException {
        PortalSimulator.Site shifan = simulator.addSite("shifan", firstIndex, StandardCharsets.UTF_8);
        PortalSimulator.Site guanshan = simulator.addSite("guanshan", firstIndex + 1, StandardCharsets.UTF_8);
        guanshan.template(PortalSimulator.Template.HANWEB);
        PortalSimulator.Site yunling = simulator.addSite("yunling", firstIndex + 2, java.nio.charset.Charset.forName("GBK"));
        yunling.challenge(true);

        portals.add(new PortalSpec("shifan", "示范县人民政府", shifan.columnUrl(), List.of(
                new Agency("示范县人民政府", "COUNTY"), new Agency("示范县卫生健康委员会", "DEPARTMENT"))));
        portals.add(new PortalSpec("guanshan", "关山县人民政府", guanshan.columnUrl(), List.of(new Agency("关山县人民政府", "COUNTY"))));
        portals.add(new PortalSpec("yunling", "云岭县人民政府", yunling.columnUrl(), List.of(new Agency("云岭县人民政府", "COUNTY"))));

        Report2021Page government = new Report2021Page(11);
        String[] governmentUrl = new String[1];
        step(0, "示范县人民政府 publishes its 2025 report (clean); 云岭县's portal answers every request with a 412 challenge",
                () -> governmentUrl[0] = shifan.publish("示范县人民政府2025年政府信息公开工作年度报告",
                        government.as("示范县人民政府", 2025, "2026-03-20")));
        step(0, "关山县人民政府 (a Hanweb portal) publishes its 2025 report (clean)",
                () -> guanshan.publish("关山县人民政府2025年政府信息公开工作年度报告", new Report2021Page(12).as("关山县人民政府", 2025, "2026-03-25")));

        Report2021Page education = new Report2021Page(13);
        String[] educationUrl = new String[1];
        step(15, "示范县教育局 publishes a report whose 表四 行政复议 总计 is off by 5",
                () -> educationUrl[0] = shifan.publish("示范县教育局2025年政府信息公开工作年度报告",
                        education.withReviewTotalOffBy(education.as("示范县教育局", 2025, "2026-01-22"), 5)));
        step(30, "示范县财政局 publishes on 2026-03-10, after the departments' deadline of 01-31",
                () -> shifan.publish("示范县财政局2025年政府信息公开工作年度报告", new Report2021Page(14).as("示范县财政局", 2025, "2026-03-10")));
        step(45, "示范县市场监督管理局 publishes with an unfilled placeholder (共主动公开政府信息余条)",
                () -> shifan.publish("示范县市场监督管理局2025年政府信息公开工作年度报告", new Report2021Page(15)
                        .as("示范县市场监督管理局", 2025, "2026-01-15").replace("持续推进主动公开", "共主动公开政府信息余条，持续推进主动公开")));
        step(60, "示范县民政局 publishes its 2025 report in the 2019 template",
                () -> shifan.publish("示范县民政局2025年政府信息公开工作年度报告", template2019(new Report2021Page(16)
                        .as("示范县民政局", 2025, "2026-01-15"))));
        Report2021Page transport = new Report2021Page(17);
        step(75, "示范县交通运输局 publishes its 2024 and 2025 reports with the same tables",
                () -> {
                    shifan.publish("示范县交通运输局2024年政府信息公开工作年度报告", transport.as("示范县交通运输局", 2024, "2025-01-20"));
                    shifan.publish("示范县交通运输局2025年政府信息公开工作年度报告", transport.as("示范县交通运输局", 2025, "2026-01-20"));
                });
        step(90, "示范县人民政府 edits its published report: 行政许可 5612 becomes 5712",
                () -> shifan.edit(governmentUrl[0], government.as("示范县人民政府", 2025, "2026-03-20").replace(">5612<", ">5712<")));
        step(105, "示范县教育局 corrects its 表四",
                () -> shifan.edit(educationUrl[0], education.as("示范县教育局", 2025, "2026-01-22")));
    }

    private void step(int seconds, String says, Runnable action) {
        steps.add(new Step(Duration.ofSeconds(seconds), says, action));
    }

    public List<PortalSpec> portals() {
        return portals;
    }

    /** The timeline, in order. */
    public List<Step> steps() {
        return steps;
    }

    /** Table 二 with the 2019 template's columns (本年新制作数量, 处理决定数量, 采购总金额). */
    private static String template2019(String html) {
        return html.replace("<td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td>",
                        "<td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td>")
                .replace("本年处理决定数量", "处理决定数量").replace("本年收费金额（单位：万元）", "采购总金额");
    }
}
