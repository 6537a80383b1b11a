package dev.govwatch.validator;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.ReportPlacement;

/**
 * Keys each report by its agency and says whether it already sits on the partition where that
 * agency is validated ({@link ReportPlacement}): the task that reads partition p of the reports
 * topic is the task that reads partition p of the repartition topic, so a report in place is
 * validated at once and only the others cross the repartition. A record without a value is
 * dropped: there is no report to validate and no agency to key it by.
 */
final class AgencyPlacement implements Processor<String, AnnualReport, String, AgencyPlacement.Placed> {

    /** A report keyed by agency, and whether it is on its agency's partition of {@code partitions}. */
    record Placed(AnnualReport report, boolean inPlace) {
    }

    private final int partitions;
    private ProcessorContext<String, Placed> context;

    /** @param partitions the repartition topic's partitions, the same as the reports topic's */
    AgencyPlacement(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void init(ProcessorContext<String, Placed> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, AnnualReport> record) {
        AnnualReport report = record.value();
        if (report == null) {
            return;
        }
        String agency = ReportPlacement.agencyOf(report);
        boolean inPlace = context.recordMetadata()
                .map(source -> source.partition() == ReportPlacement.partitionOf(agency, partitions))
                .orElse(false);
        context.forward(record.withKey(agency).withValue(new Placed(report, inPlace)));
    }
}
