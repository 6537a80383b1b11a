package dev.govwatch.streams;

import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import org.apache.kafka.streams.processor.StreamPartitioner;

import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.ReportPlacement;

/**
 * Sends a record to its agency's partition ({@link ReportPlacement}): the extractor's reports by
 * the agency they name, the validator's repartitions by their key, which is the agency. A record
 * without an agency is left to Kafka's own partitioning.
 *
 * @param <V> the record's value
 */
public final class AgencyPartitioner<V> implements StreamPartitioner<String, V> {

    private final BiFunction<String, V, String> agency;

    private AgencyPartitioner(BiFunction<String, V, String> agency) {
        this.agency = agency;
    }

    /** Reports, by the agency each one names. */
    public static AgencyPartitioner<AnnualReport> ofReports() {
        return new AgencyPartitioner<>((key, report) -> report == null ? null : ReportPlacement.agencyOf(report));
    }

    /** Records keyed by agency. */
    public static <V> AgencyPartitioner<V> byKey() {
        return new AgencyPartitioner<>((key, value) -> key);
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
        String name = agency.apply(key, value);
        return name == null ? Optional.empty() : Optional.of(Set.of(ReportPlacement.partitionOf(name, numPartitions)));
    }
}
