package dev.govwatch.validator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Region;

/**
 * Applies the rules to one report: a pure function from the report (and the agency's previous
 * year, and the report's previous version) to its open alerts, each with a deterministic id
 * {@code rule|reportKey|detail}, so that evaluating the same report twice gives the same alerts.
 */
public final class Validation {

    static {
        dev.govwatch.schemas.TrustedAvroClasses.install();
    }

    private final List<Rule> rules;
    private final Deadlines deadlines;

    public Validation(List<Rule> rules, Deadlines deadlines) {
        this.rules = List.copyOf(rules);
        this.deadlines = deadlines;
    }

    public List<Alert> evaluate(AnnualReport report, AnnualReport previousYear, AnnualReport previousVersion, Instant now) {
        ReportContext context = ReportContext.of(report, previousYear, previousVersion, deadlines, now);
        // Reports extracted before keys were canonical carry their old key: alerts get the canonical one.
        dev.govwatch.schemas.ReportKey key = dev.govwatch.schemas.ReportKey.parse(report.getReportKey());
        List<Alert> alerts = new ArrayList<>();
        for (Rule rule : rules) {
            for (Finding finding : rule.check(context)) {
                alerts.add(Alert.newBuilder()
                        .setId(alertId(rule.id(), key, finding.detail()))
                        .setRule(rule.id())
                        .setCategory(rule.category())
                        .setSeverity(rule.severity())
                        .setStatus(AlertStatus.OPEN)
                        .setAgency(report.getAgency())
                        .setRegion(Region.newBuilder(report.getRegion()).build())
                        .setYear(report.getReportYear())
                        .setReportKey(key.toString())
                        .setUrl(report.getSourceUrl())
                        .setMessage(finding.message())
                        .setEvidence(finding.evidence())
                        .setRaisedAt(now)
                        .setUpdatedAt(now)
                        .build());
            }
        }
        return alerts;
    }

    /** The deadlines reports are judged by. */
    public Deadlines deadlines() {
        return deadlines;
    }

    /**
     * Raise this whenever a rule's code changes what it finds: with the rule list and the deadlines
     * it makes up the {@link #fingerprint()}, so that a replay re-checks reports already checked.
     */
    static final int RULES_REVISION = 1;

    /**
     * What the findings depend on besides the report: the rules (their ids and revision) and the
     * deadlines. The validator re-checks a report it has seen before only when this changed.
     */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder("r").append(RULES_REVISION);
        rules.forEach(r -> sb.append('|').append(r.id()));
        sb.append('|').append(deadlines.describe());
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String alertId(String rule, dev.govwatch.schemas.ReportKey key, String detail) {
        return detail == null ? rule + "|" + key : rule + "|" + key + "|" + detail;
    }
}
