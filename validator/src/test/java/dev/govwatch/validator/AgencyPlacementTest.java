package dev.govwatch.validator;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.ReportPlacement;
import dev.govwatch.schemas.Topics;

/** Each report keyed by its agency, and said to be in place exactly on its agency's partition. */
class AgencyPlacementTest {

    private static final int PARTITIONS = Topics.REPORTS.partitions();

    @Test
    void aReportIsInPlaceOnlyOnItsAgencysPartition() {
        AnnualReport report = TestReports.clean2024(1);
        String agency = ReportPlacement.agencyOf(report);
        int inPlace = 0;
        for (int partition = 0; partition < PARTITIONS; partition++) {
            MockProcessorContext<String, AgencyPlacement.Placed> context = new MockProcessorContext<>();
            context.setRecordMetadata(Topics.REPORTS.name(), partition, 10);
            AgencyPlacement placement = new AgencyPlacement(PARTITIONS);
            placement.init(context);

            placement.process(new Record<>(report.getReportKey(), report, 0L));
            boolean home = partition == this.home(agency);

            assertThat(context.forwarded()).singleElement().satisfies(f -> {
                assertThat(f.record().key()).isEqualTo(agency);
                assertThat(f.record().value().report()).isSameAs(report);
                assertThat(f.record().value().inPlace()).isEqualTo(home);
            });
            inPlace += home ? 1 : 0;
        }
        assertThat(inPlace).as("in place on exactly one partition").isEqualTo(1);
    }

    private int home(String agency) {
        return ReportPlacement.partitionOf(agency, PARTITIONS);
    }

    @Test
    void aRecordWithoutAReportIsDropped() {
        MockProcessorContext<String, AgencyPlacement.Placed> context = new MockProcessorContext<>();
        context.setRecordMetadata(Topics.REPORTS.name(), 0, 10);
        AgencyPlacement placement = new AgencyPlacement(PARTITIONS);
        placement.init(context);

        placement.process(new Record<>("示范县人民政府|2024", null, 0L));

        assertThat(context.forwarded()).isEmpty();
    }
}
