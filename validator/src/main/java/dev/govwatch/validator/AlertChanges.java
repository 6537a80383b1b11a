package dev.govwatch.validator;

import java.util.function.Consumer;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import dev.govwatch.schemas.Alert;

/**
 * What happens to every alert change, whichever processor's ledger makes it: counted
 * ({@link ValidatorMeters}), put on the coverage grid ({@link CoverageGrid}) and sent on to the
 * alerts topic, stamped with the time of the change.
 */
final class AlertChanges implements Consumer<Alert> {

    private final ProcessorContext<String, Alert> context;
    private final ValidatorMeters meters;
    private final CoverageGrid coverage;

    AlertChanges(ProcessorContext<String, Alert> context, ValidatorMeters meters, CoverageGrid coverage) {
        this.context = context;
        this.meters = meters;
        this.coverage = coverage;
    }

    @Override
    public void accept(Alert alert) {
        meters.changed(alert);
        coverage.alertChanged(alert);
        context.forward(new Record<>(alert.getId(), alert, alert.getUpdatedAt().toEpochMilli()));
    }
}
