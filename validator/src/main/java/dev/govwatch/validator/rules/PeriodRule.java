package dev.govwatch.validator.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Severity;
import dev.govwatch.validator.Finding;
import dev.govwatch.validator.ReportContext;

/** The title year, the stated statistical period and the report year agree; publication comes after the year. */
public final class PeriodRule extends AbstractRule {

    private static final Pattern TITLE_YEAR = Pattern.compile("(\\d{4})\\s*年");

    public PeriodRule() {
        super("PERIOD", AlertCategory.INCONSISTENT, Severity.WARNING,
                "title year, statistical period (自Y年1月1日至12月31日) and report year agree; published after 1 January of Y+1");
    }

    @Override
    public List<Finding> check(ReportContext context) {
        AnnualReport r = context.report();
        List<Finding> findings = new ArrayList<>();
        Integer year = r.getReportYear();
        if (year == null) {
            return findings;
        }
        if (r.getTitle() != null) {
            Matcher m = TITLE_YEAR.matcher(r.getTitle());
            if (m.find() && Integer.parseInt(m.group(1)) != year) {
                findings.add(Finding.of("title", String.format("标题年份 %s 与报告年度 %d 不一致", m.group(1), year),
                        Finding.at("title", Integer.toString(year), m.group(1))));
            }
        }
        LocalDate start = r.getPeriodStart();
        LocalDate end = r.getPeriodEnd();
        if (start != null && end != null
                && (!start.equals(LocalDate.of(year, 1, 1)) || !end.equals(LocalDate.of(year, 12, 31)))) {
            findings.add(Finding.of("period", String.format("统计期限 %s 至 %s 与报告年度 %d 不符", start, end, year),
                    Finding.at("period", year + "-01-01 至 " + year + "-12-31", start + " 至 " + end)));
        }
        LocalDate published = r.getPublicationDate();
        if (published != null && published.isBefore(LocalDate.of(year + 1, 1, 1))) {
            findings.add(Finding.of("published", String.format("发布日期 %s 早于统计年度结束（%d年12月31日）", published, year),
                    Finding.at("publicationDate", "晚于 " + year + "-12-31", published.toString())));
        }
        return findings;
    }
}
