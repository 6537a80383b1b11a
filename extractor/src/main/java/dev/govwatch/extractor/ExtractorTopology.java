package dev.govwatch.extractor;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.Topics;
import dev.govwatch.schemas.ValueSerdes;
import dev.govwatch.streams.AgencyPartitioner;
import dev.govwatch.streams.ServiceConfig;

/**
 * The extractor: {@link Topics#PAGES} → {@link Topics#REPORTS}, with what it cannot read in
 * {@link Topics#DEAD_LETTERS}. A pure function of its settings, so the application and the tests
 * build the same topology.
 */
public final class ExtractorTopology {

    public static final String APPLICATION_ID = "govwatch-extractor";

    /** Every portal's entry, on every instance: a report's region is its portal's ({@link PortalRegion}). */
    static final String PORTALS_STORE = "extractor-portals";

    private ExtractorTopology() {
    }

    public static Topology build(ServiceConfig config) {
        ValueSerdes serdes = config.valueSerdes();
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(Topics.PORTALS.name(),
                Consumed.with(Serdes.String(), serdes.forTopic(Topics.PORTALS)).withName("portals"),
                Materialized.<String, Portal, KeyValueStore<Bytes, byte[]>>as(PORTALS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.forTopic(Topics.PORTALS)));
        KStream<String, FetchedPage> pages = builder.stream(Topics.PAGES.name(),
                Consumed.with(Serdes.String(), serdes.forTopic(Topics.PAGES)).withName("pages"));
        var outcomes = pages.process(ExtractProcessor::new, Named.as("extract"))
                .split(Named.as("extracted-"))
                .branch((key, out) -> out.report() != null, Branched.as("report"))
                .defaultBranch(Branched.as("dead-letter"));
        outcomes.get("extracted-report")
                .mapValues(ExtractorOutput::report, Named.as("report-value"))
                .to(Topics.REPORTS.name(), Produced.with(Serdes.String(), serdes.forTopic(Topics.REPORTS)).withName("reports")
                        // On its agency's partition, where the validator takes it without a repartition.
                        .withStreamPartitioner(AgencyPartitioner.ofReports()));
        outcomes.get("extracted-dead-letter")
                .mapValues(ExtractorOutput::deadLetter, Named.as("dead-letter-value"))
                .to(Topics.DEAD_LETTERS.name(),
                        Produced.with(Serdes.String(), serdes.forTopic(Topics.DEAD_LETTERS)).withName("dead-letters"));
        return builder.build();
    }
}
