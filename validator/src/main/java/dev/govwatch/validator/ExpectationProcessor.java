package dev.govwatch.validator;

import java.time.Instant;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import dev.govwatch.schemas.AgencyWatch;
import dev.govwatch.schemas.Alert;

/** Records the agencies a portal lists as expected to report, in the task that holds their reports. */
final class ExpectationProcessor implements Processor<String, AgencyWatch, String, Alert> {

    private final MissingReports missingReports;
    private ProcessorContext<String, Alert> context;
    private ExpectedReports expected;

    ExpectationProcessor(MissingReports missingReports) {
        this.missingReports = missingReports;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        AlertLedger ledger = new AlertLedger(context.getStateStore(ValidateProcessor.ALERTS_STORE),
                context.getStateStore(ValidateProcessor.INDEX_STORE), new AlertChanges(context,
                        new ValidatorMeters(context.metrics()), new CoverageGrid(context.getStateStore(ValidateProcessor.COVERAGE_STORE))));
        this.expected = new ExpectedReports(context.getStateStore(ValidateProcessor.AGENCIES_STORE),
                context.getStateStore(ValidateProcessor.PORTAL_STATUS_STORE), missingReports, ledger);
    }

    @Override
    public void process(Record<String, AgencyWatch> record) {
        if (record.value() != null) {
            expected.listed(record.value(), Instant.ofEpochMilli(context.currentSystemTimeMs()));
        }
    }
}
