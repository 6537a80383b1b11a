package dev.govwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** A report's place on the reports topic: its agency's partition, the one Kafka's producer gives the agency's name. */
class ReportPlacementTest {

    /**
     * The validator's repartition topics are written keyed by agency: if the placement differed from
     * the producer's own choice for that key, reports in place and listings repartitioned would meet
     * in different tasks.
     */
    @Test
    void anAgencysPartitionIsTheOneTheProducerGivesItsName() {
        Random random = new Random(17);
        int compared = 0;
        for (int i = 0; i < 5_000; i++) {
            StringBuilder name = new StringBuilder();
            int length = 1 + random.nextInt(16);
            for (int c = 0; c < length; c++) {
                name.append((char) (random.nextBoolean() ? 0x4e00 + random.nextInt(0x5000) : 'a' + random.nextInt(26)));
            }
            for (int partitions : new int[] {1, 6, 7, 12}) {
                assertThat(ReportPlacement.partitionOf(name.toString(), partitions)).as(name.toString())
                        .isEqualTo(BuiltInPartitioner.partitionForKey(name.toString().getBytes(StandardCharsets.UTF_8), partitions));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(20_000);
    }

    @Test
    void aReportIsPlacedByItsAgencysCanonicalNameWhateverVariantItPrints() {
        Region region = Region.newBuilder().setCounty("示范县").build();
        AnnualReport asGovernment = report("示范县人民政府", region, "示范县人民政府|2024");
        AnnualReport asCounty = report("示 范 县", region, "示范县人民政府|2023");
        AnnualReport unnamed = report("县政府", region, "示范县人民政府|2022");

        assertThat(ReportPlacement.agencyOf(asGovernment)).isEqualTo("示范县人民政府");
        assertThat(ReportPlacement.agencyOf(asCounty)).isEqualTo("示范县人民政府");
        assertThat(ReportPlacement.agencyOf(unnamed)).isEqualTo("示范县人民政府");
    }

    @Test
    void aReportThatPrintsNoAgencyIsPlacedByTheAgencyInItsKey() {
        AnnualReport report = report(null, Region.newBuilder().build(), "410823|示范县财政局|2024");

        assertThat(ReportPlacement.nameOf(report)).isEqualTo("示范县财政局");
        assertThat(ReportPlacement.agencyOf(report)).isEqualTo("示范县财政局");
    }

    private static AnnualReport report(String agency, Region region, String key) {
        AnnualReport report = new AnnualReport();
        report.setAgency(agency);
        report.setRegion(region);
        report.setReportKey(key);
        return report;
    }
}
