package dev.govwatch.validator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.AnnualReport;

/**
 * Validates each report against its agency's other years and keeps every alert's lifecycle: new
 * findings go out OPEN, findings a corrected version no longer triggers go out RESOLVED under the
 * same id, unchanged findings are not sent again. Records arrive keyed by agency, so one task
 * holds all years of an agency. A report arriving for year Y also re-checks year Y+1, whose
 * carry-over depends on it.
 */
final class ValidateProcessor implements Processor<String, AnnualReport, String, Alert> {

    static final String REPORTS_STORE = "validator-reports";
    static final String ALERTS_STORE = "validator-open-alerts";
    static final String INDEX_STORE = "validator-alert-index";

    private final Validation validation;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, AnnualReport> reports;
    private KeyValueStore<String, Alert> openAlerts;
    private KeyValueStore<String, String> index;

    ValidateProcessor(Validation validation) {
        this.validation = validation;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.reports = context.getStateStore(REPORTS_STORE);
        this.openAlerts = context.getStateStore(ALERTS_STORE);
        this.index = context.getStateStore(INDEX_STORE);
    }

    @Override
    public void process(Record<String, AnnualReport> record) {
        AnnualReport report = record.value();
        if (report == null || report.getReportYear() == null) {
            return;
        }
        String agency = record.key();
        int year = report.getReportYear();
        AnnualReport stored = reports.get(slot(agency, year));
        if (stored != null && stored.getPageSha256().equals(report.getPageSha256())
                && stored.getExtractorVersion().equals(report.getExtractorVersion())) {
            return; // the same version again (a redelivery or a replay without changes)
        }
        AnnualReport previousVersion = stored != null && !stored.getPageSha256().equals(report.getPageSha256()) ? stored : null;
        reports.put(slot(agency, year), report);
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        reconcile(report, validation.evaluate(report, reports.get(slot(agency, year - 1)), previousVersion, now), now);
        AnnualReport next = reports.get(slot(agency, year + 1));
        if (next != null) {
            reconcile(next, validation.evaluate(next, report, null, now), now);
        }
    }

    /** Sends what changed between the report's open alerts and its current findings. */
    private void reconcile(AnnualReport report, List<Alert> found, Instant now) {
        String reportKey = report.getReportKey();
        Set<String> wasOpen = ids(index.get(reportKey));
        Map<String, Alert> current = new HashMap<>();
        for (Alert alert : found) {
            current.put(alert.getId(), alert);
            Alert previous = wasOpen.contains(alert.getId()) ? openAlerts.get(alert.getId()) : null;
            if (previous == null) {
                forward(alert);
            } else if (!previous.getMessage().equals(alert.getMessage()) || !previous.getEvidence().equals(alert.getEvidence())) {
                alert.setRaisedAt(previous.getRaisedAt());
                forward(alert);
            } else {
                alert.setRaisedAt(previous.getRaisedAt());
                alert.setUpdatedAt(previous.getUpdatedAt());
            }
        }
        for (String id : wasOpen) {
            if (!current.containsKey(id)) {
                Alert previous = openAlerts.get(id);
                if (previous != null) {
                    previous.setStatus(AlertStatus.RESOLVED);
                    previous.setUpdatedAt(now);
                    forward(previous);
                }
                openAlerts.delete(id);
            }
        }
        Set<String> open = new LinkedHashSet<>();
        for (Alert alert : current.values()) {
            // A change after publication is an event, not a condition: it is reported once and never resolved.
            if (!alert.getRule().equals("CHANGED")) {
                openAlerts.put(alert.getId(), alert);
                open.add(alert.getId());
            }
        }
        if (open.isEmpty()) {
            index.delete(reportKey);
        } else {
            index.put(reportKey, String.join("\n", open));
        }
    }

    private void forward(Alert alert) {
        context.forward(new Record<>(alert.getId(), alert, alert.getUpdatedAt().toEpochMilli()));
    }

    private static Set<String> ids(String joined) {
        return joined == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(joined.split("\n")));
    }

    static String slot(String agency, int year) {
        return agency + "#" + year;
    }

    /** The agency part of a report key ({@code [code|]agency|year}). */
    static String agencyOf(String reportKey) {
        int cut = reportKey.lastIndexOf('|');
        return cut < 0 ? reportKey : reportKey.substring(0, cut);
    }

}
