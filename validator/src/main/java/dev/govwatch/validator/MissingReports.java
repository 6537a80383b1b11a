package dev.govwatch.validator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.govwatch.schemas.AgencyWatch;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.Evidence;
import dev.govwatch.schemas.PortalState;
import dev.govwatch.schemas.PortalStatus;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.Severity;

/**
 * Which expected reports are missing at a given time: an agency listed on its portal, or one that
 * reported in an earlier year, has no report for year Y once Y's deadline and a grace period have
 * passed. While the crawler cannot read the agency's portal (blocked, unreachable, or its column drifted), the absence
 * proves nothing, so the alert is BLOCKED instead.
 */
public final class MissingReports {

    public static final RuleDescription MISSING = RuleDescription.of("MISSING", AlertCategory.MISSING, Severity.ERROR,
            "an expected agency (listed on its portal, or reported before) has no report once deadline + grace have passed");
    public static final RuleDescription BLOCKED = RuleDescription.of("BLOCKED", AlertCategory.BLOCKED, Severity.WARNING,
            "an expected report cannot be checked because the crawler reports its portal blocked, unreachable, or drifted "
                    + "(a report column gone and not found again from the home page)");

    /** How many report years back an agency is checked at most. */
    private static final int MAX_YEARS_BACK = 5;

    /** Deadlines are dates in China. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Deadlines deadlines;
    private final Duration grace;
    private final Duration settle;
    private final SweepProgress progress;

    /**
     * @param settle   where a sweep's progress through the pipeline cannot be seen: how long after a
     *                 sweep (or, from a crawler that does not say when it swept, after the portal
     *                 became readable) an absence on it counts
     * @param progress how far a sweep's reports have come through the pipeline
     */
    public MissingReports(Deadlines deadlines, Duration grace, Duration settle, SweepProgress progress) {
        this.deadlines = deadlines;
        this.grace = grace;
        this.settle = settle;
        this.progress = progress;
    }

    public MissingReports(Deadlines deadlines, Duration grace, Duration settle) {
        this(deadlines, grace, settle, SweepProgress.UNSEEN);
    }

    /**
     * Whether anything can be said about the agency now. Not while its portal has never been swept
     * (a validator starting next to a new crawler would otherwise call every listed agency missing)
     * or was read successfully only moments ago (its reports may still be on their way through the
     * pipeline). Without a verdict, alerts already raised stay as they are.
     */
    public boolean canJudge(AgencyWatch agency, PortalStatus portal, Instant now) {
        if (agency.getPortalId() == null) {
            return true;
        }
        return portal != null && canJudge(portal, now);
    }

    /**
     * Whether the portal's latest sweep tells anything now: one that could not read it always does
     * (BLOCKED); one that read it does once every report of the pages it published has reached the
     * agencies' state ({@link SweepProgress}), so that a report found by that sweep is never called
     * missing while it is still on its way.
     */
    public boolean canJudge(PortalStatus portal, Instant now) {
        if (portal.getState() != PortalState.OK) {
            return true;
        }
        if (portal.getSweptAt() == null) {
            // A crawler that does not say when it swept: wait until the portal has been readable for a while.
            return portal.getSince() == null || !portal.getSince().isAfter(now.minus(settle));
        }
        return switch (progress.of(portal.getPagesThrough())) {
            case PASSED -> true;
            case PENDING -> false;
            case UNKNOWN -> !portal.getSweptAt().isAfter(now.minus(settle));
        };
    }

    /** The MISSING and BLOCKED alerts of one agency at {@code now}. */
    public List<Alert> evaluate(AgencyWatch agency, PortalStatus portal, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        List<Alert> alerts = new ArrayList<>();
        for (int year = Math.max(firstExpectedYear(agency), today.getYear() - MAX_YEARS_BACK); year < today.getYear(); year++) {
            if (agency.getReportedYears().contains(year)) {
                continue;
            }
            Optional<LocalDate> deadline = deadlines.deadline(agency.getLevel(), year, agency.getRegion());
            if (deadline.isEmpty() || !today.isAfter(deadline.get().plusDays(grace.toDays()))) {
                continue;
            }
            boolean unreadable = portal != null
                    && (portal.getState() == PortalState.BLOCKED || portal.getState() == PortalState.UNREACHABLE
                        || portal.getState() == PortalState.DRIFTED);
            alerts.add(unreadable ? blocked(agency, portal, year, deadline.get(), now) : missing(agency, year, deadline.get(), now));
        }
        return alerts;
    }

    /**
     * A listed agency owes reports from the year before it was first listed; an agency known from
     * its reports owes one every year after its first. Alerts for a year never fall out of the
     * window once raised, so they only resolve when the report comes.
     */
    private static int firstExpectedYear(AgencyWatch agency) {
        int first = Integer.MAX_VALUE;
        if (agency.getListed() && agency.getExpectedFrom() != null) {
            first = agency.getExpectedFrom();
        }
        for (int year : agency.getReportedYears()) {
            first = Math.min(first, year + 1);
        }
        return first;
    }

    private Alert missing(AgencyWatch agency, int year, LocalDate deadline, Instant now) {
        String message = String.format("%s %d年度政府信息公开工作年度报告未发布：期限 %s，宽限 %d 天后仍未见报告",
                agency.getName(), year, deadline, grace.toDays());
        return alert(MISSING, agency, year, message, Evidence.newBuilder().setWhere(where(agency))
                .setExpected(year + "年度报告，不晚于 " + deadline).setFound("无").build(), now);
    }

    private static Alert blocked(AgencyWatch agency, PortalStatus portal, int year, LocalDate deadline, Instant now) {
        String message = String.format("门户网站 %s %s（%s%s），无法确认 %s %d年度报告是否已发布（期限 %s）",
                portal.getPortalId(), portal.getState() == PortalState.DRIFTED ? "的年报栏目已失效且未能重新找到" : "当前无法访问",
                portal.getState(), portal.getDetail() == null ? "" : "：" + portal.getDetail(), agency.getName(), year, deadline);
        return alert(BLOCKED, agency, year, message, Evidence.newBuilder().setWhere(where(agency))
                .setExpected("可访问").setFound(portal.getState() + " since " + portal.getSince()).build(), now);
    }

    private static Alert alert(RuleDescription rule, AgencyWatch agency, int year, String message, Evidence evidence,
                               Instant now) {
        return Alert.newBuilder()
                .setId(Validation.alertId(rule.id(), new dev.govwatch.schemas.ReportKey(agency.getName(), year), null))
                .setRule(rule.id()).setCategory(rule.category()).setSeverity(rule.severity())
                .setStatus(AlertStatus.OPEN)
                .setAgency(agency.getName())
                .setRegion(agency.getRegion() == null ? null : Region.newBuilder(agency.getRegion()).build())
                .setYear(year)
                .setReportKey(new dev.govwatch.schemas.ReportKey(agency.getName(), year).toString())
                .setMessage(message)
                .setEvidence(List.of(evidence))
                .setRaisedAt(now).setUpdatedAt(now)
                .build();
    }

    private static String where(AgencyWatch agency) {
        return agency.getPortalId() == null ? "agency " + agency.getName() : "portal " + agency.getPortalId();
    }
}
