package dev.govwatch.validator;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AgencyIdentity;
import dev.govwatch.schemas.ReportKey;
import dev.govwatch.schemas.ReportPlacement;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Topics;
import dev.govwatch.validator.metrics.MetricsStore;

/**
 * Validates each report against its agency's other years and keeps every alert's lifecycle (see
 * {@link AlertLedger}). Records arrive keyed by agency name, so one task holds all years of an
 * agency. A report arriving for year Y also re-checks year Y+1, whose carry-over depends on it.
 * On the wall clock, it looks for expected reports that never came (see {@link MissingReports}).
 */
final class ValidateProcessor implements Processor<String, AnnualReport, String, Alert> {

    static final String REPORTS_STORE = "validator-reports";
    static final String ALERTS_STORE = "validator-open-alerts";
    static final String INDEX_STORE = "validator-alert-index";
    static final String AGENCIES_STORE = "validator-agencies";
    static final String PORTAL_STATUS_STORE = "validator-portal-status";
    /** Year, level and place → the sums behind the metrics ({@link MetricsStore}). */
    static final String METRICS_STORE = "validator-metrics";
    /** Per agency and year: what the stored report added to the metrics. */
    static final String CONTRIBUTIONS_STORE = "validator-metric-contributions";
    /** Agency#year → {@link dev.govwatch.schemas.CoverageCell}: the coverage grid ({@link CoverageGrid}). */
    static final String COVERAGE_STORE = "validator-coverage";
    /** Per agency and year: the fingerprint of the rules the stored report was last checked with. */
    static final String CHECKED_STORE = "validator-checked-with";

    private final Validation validation;
    private final MissingReports missingReports;
    private final Duration checkInterval;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, AnnualReport> reports;
    private KeyValueStore<String, String> checkedWith;
    private AlertLedger ledger;
    private ExpectedReports expected;
    private MetricsStore metrics;
    private ValidatorMeters meters;
    private CoverageGrid coverage;

    private final Duration sweepCheck;

    ValidateProcessor(Validation validation, MissingReports missingReports, Duration checkInterval, Duration sweepCheck) {
        this.sweepCheck = sweepCheck;
        this.validation = validation;
        this.missingReports = missingReports;
        this.checkInterval = checkInterval;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.meters = new ValidatorMeters(context.metrics());
        this.coverage = new CoverageGrid(context.getStateStore(COVERAGE_STORE));
        this.reports = context.getStateStore(REPORTS_STORE);
        this.checkedWith = context.getStateStore(CHECKED_STORE);
        this.metrics = new MetricsStore(context.getStateStore(METRICS_STORE), context.getStateStore(CONTRIBUTIONS_STORE),
                validation.deadlines());
        this.ledger = new AlertLedger(context.getStateStore(ALERTS_STORE), context.getStateStore(INDEX_STORE),
                new AlertChanges(context, meters, coverage));
        int partition = context.taskId().partition();
        this.expected = new ExpectedReports(context.getStateStore(AGENCIES_STORE), context.getStateStore(PORTAL_STATUS_STORE),
                missingReports, ledger, portalId -> PortalDrift.owner(portalId, Topics.REPORTS.partitions()) == partition);
        // Wall-clock time: deadlines pass whether or not reports arrive; also runs after a restart.
        context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, now -> expected.checkAll(Instant.ofEpochMilli(now)));
        // Portals swept since: judged as soon as what their sweeps published has come through the pipeline.
        context.schedule(sweepCheck, PunctuationType.WALL_CLOCK_TIME, now -> expected.checkSwept(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<String, AnnualReport> record) {
        AnnualReport report = record.value();
        if (report == null || report.getReportYear() == null) {
            return;
        }
        ReportKey key = ReportKey.parse(report.getReportKey());
        String agency = key.agency();
        int year = report.getReportYear();
        AnnualReport stored = reports.get(slot(agency, year));
        Instant at = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (stored == null) {
            stored = adoptLegacySlot(report, agency, year, at);
        }
        if (stored != null && isStale(report, stored)) {
            return;
        }
        // Alerts raised under the key this report (or its stored version) had before keys were canonical.
        ledger.adopt(report.getReportKey(), key.toString(), at);
        if (stored != null) {
            ledger.adopt(stored.getReportKey(), key.toString(), at);
        }
        String fingerprint = validation.fingerprint();
        if (stored != null && stored.getPageSha256().equals(report.getPageSha256())
                && stored.getExtractorVersion().equals(report.getExtractorVersion())
                && fingerprint.equals(checkedWith.get(slot(agency, year)))) {
            return; // the same version again, checked by the same rules (a redelivery, or a replay without changes)
        }
        checkedWith.put(slot(agency, year), fingerprint);
        AnnualReport previousVersion = stored != null && !stored.getPageSha256().equals(report.getPageSha256()) ? stored : null;
        reports.put(slot(agency, year), report);
        metrics.replace(slot(agency, year), stored, report);
        meters.checked(report);
        coverage.reported(report);
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        ledger.reconcile(key.toString(),
                validation.evaluate(report, reports.get(slot(agency, year - 1)), previousVersion, now), now);
        AnnualReport next = reports.get(slot(agency, year + 1));
        if (next != null) {
            ledger.reconcile(ReportKey.parse(next.getReportKey()).toString(), validation.evaluate(next, report, null, now), now);
        }
        expected.reported(record.key(), report, now);
    }

    /**
     * An earlier extraction of the page whose later one is stored: the two can only have come in
     * this order from different partitions of the reports topic — one written before reports were
     * placed by agency ({@link ReportPlacement}), one after — read in either order on a replay. The
     * later one stands; compaction keeps one version per partition, so without this a replay could
     * bring an old version back, with the alerts a correction had resolved.
     */
    static boolean isStale(AnnualReport report, AnnualReport stored) {
        return report.getSourceUrl().equals(stored.getSourceUrl()) && report.getExtractedAt().isBefore(stored.getExtractedAt());
    }

    static String slot(String agency, int year) {
        return agency + "#" + year;
    }

    /**
     * A report stored before keys were canonical sits in a slot named with its region code
     * ({@code code|agency#year}): moved to the canonical slot, so that the next version of the same
     * report is compared with it instead of raising every alert again. Null if there is none.
     */
    private AnnualReport adoptLegacySlot(AnnualReport report, String agency, int year, Instant now) {
        String code = report.getRegion() == null ? null : report.getRegion().getCode();
        if (code == null) {
            return null;
        }
        String legacy = slot(code + "|" + agency, year);
        AnnualReport stored = reports.get(legacy);
        if (stored != null) {
            reports.put(slot(agency, year), stored);
            reports.delete(legacy);
            String checked = checkedWith.get(legacy);
            if (checked != null) {
                checkedWith.put(slot(agency, year), checked);
                checkedWith.delete(legacy);
            }
        }
        return stored;
    }
}
