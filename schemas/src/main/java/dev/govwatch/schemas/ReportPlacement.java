package dev.govwatch.schemas;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Utils;

/**
 * Where a report belongs on {@link Topics#REPORTS}: the partition of its agency, not of its key
 * ({@code agency|year}). The validator holds all years of an agency, and the agency's portal
 * listing, in one task; a report the extractor writes to its agency's partition is already in that
 * task and goes straight to validation, without the round trip through a repartition topic (a
 * second transaction and a second commit interval on every report's way to its alert). A report
 * found on another partition (written before this placement, or by another producer) still takes
 * the repartition: placement is a shortcut, never a condition of being validated.
 *
 * <p>The partition is the one Kafka's producer picks for a record keyed by the agency's name
 * (murmur2 of its UTF-8 bytes): what the validator's repartition topics, keyed by agency, held
 * before they were given this placement explicitly, so records already in them stay in place.
 */
public final class ReportPlacement {

    private ReportPlacement() {
    }

    /** The agency a report is validated under: its canonical name ({@link AgencyIdentity}), as printed or else from its key. */
    public static String agencyOf(AnnualReport report) {
        return AgencyIdentity.canonical(nameOf(report), report.getRegion());
    }

    /** The agency's name as the report prints it, or else (none printed) the one in its key. */
    public static String nameOf(AnnualReport report) {
        return report.getAgency() != null ? report.getAgency() : ReportKey.parse(report.getReportKey()).agency();
    }

    /** The partition, of {@code partitions}, where {@code agency}'s reports are validated. */
    public static int partitionOf(String agency, int partitions) {
        return Utils.toPositive(Utils.murmur2(agency.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
