package dev.govwatch.validator;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import dev.govwatch.schemas.Topics;
import dev.govwatch.schemas.ValueSerdes;
import dev.govwatch.streams.ServiceConfig;

/**
 * The validator: {@link Topics#REPORTS} → {@link Topics#ALERTS}. Reports are re-keyed by agency
 * and repartitioned, so that every year of an agency meets in one task whatever the number of
 * partitions and instances. A pure function of its settings and deadlines.
 */
public final class ValidatorTopology {

    public static final String APPLICATION_ID = "govwatch-validator";

    private ValidatorTopology() {
    }

    public static Topology build(ServiceConfig config, Deadlines deadlines) {
        ValueSerdes serdes = config.valueSerdes();
        var reportSerde = serdes.forTopic(Topics.REPORTS);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ValidateProcessor.REPORTS_STORE),
                Serdes.String(), reportSerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ValidateProcessor.ALERTS_STORE),
                Serdes.String(), serdes.forTopic(Topics.ALERTS)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ValidateProcessor.INDEX_STORE),
                Serdes.String(), Serdes.String()));
        Validation validation = new Validation(Rules.ALL, deadlines);
        builder.stream(Topics.REPORTS.name(), Consumed.with(Serdes.String(), reportSerde).withName("reports"))
                .selectKey((reportKey, report) -> ValidateProcessor.agencyOf(reportKey), Named.as("by-agency"))
                .repartition(Repartitioned.with(Serdes.String(), reportSerde).withName("reports-by-agency"))
                .process(() -> new ValidateProcessor(validation), Named.as("validate"),
                        ValidateProcessor.REPORTS_STORE, ValidateProcessor.ALERTS_STORE, ValidateProcessor.INDEX_STORE)
                .to(Topics.ALERTS.name(), Produced.with(Serdes.String(), serdes.forTopic(Topics.ALERTS)).withName("alerts"));
        return builder.build();
    }
}
