package dev.govwatch.validator;

/**
 * The validator's queryable state stores, for interactive queries. All are partitioned by agency
 * name (the key of the validator's repartition topic), so one agency's reports and alerts live on
 * one instance.
 */
public final class ValidatorStores {

    /** Agency#year → the latest {@link dev.govwatch.schemas.AnnualReport}. */
    public static final String REPORTS = ValidateProcessor.REPORTS_STORE;
    /** Alert id → the open {@link dev.govwatch.schemas.Alert}. */
    public static final String OPEN_ALERTS = ValidateProcessor.ALERTS_STORE;
    /** Agency name → {@link dev.govwatch.schemas.AgencyWatch}: who is expected to report, and what they reported. */
    public static final String AGENCIES = ValidateProcessor.AGENCIES_STORE;

    /** Agency#year → {@link dev.govwatch.schemas.CoverageCell}: this instance's part of the coverage grid. */
    public static final String COVERAGE = ValidateProcessor.COVERAGE_STORE;

    /** {@code year|level|place} → {@link dev.govwatch.schemas.MetricCounts}: this instance's sums behind the metrics. */
    public static final String METRICS = ValidateProcessor.METRICS_STORE;

    /** Agency#year → {@link dev.govwatch.schemas.MetricCounts}: what that report added to the metrics. */
    public static final String CONTRIBUTIONS = ValidateProcessor.CONTRIBUTIONS_STORE;

    /** Alert id → the latest {@link dev.govwatch.schemas.Decision}; a global store, whole on every instance. */
    public static final String DECISIONS = "validator-decisions";

    private ValidatorStores() {
    }
}
