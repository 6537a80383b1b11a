package dev.govwatch.notifier;

import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.Topics;
import dev.govwatch.schemas.ValueSerdes;
import dev.govwatch.streams.ServiceConfig;

/**
 * The notifier's deciding half: {@link Topics#ALERTS} (with {@link Topics#DECISIONS}) →
 * {@link Topics#DELIVERIES}, one record per webhook and alert state change to send; the
 * {@link DeliveryLoop} sends them, and puts what cannot be delivered in {@link Topics#DEAD_LETTERS}. A pure function of its settings, so the application and the tests
 * build the same topology.
 */
public final class NotifierTopology {

    public static final String APPLICATION_ID = "govwatch-notifier";

    private NotifierTopology() {
    }

    public static Topology build(ServiceConfig config, List<Webhook> webhooks) {
        ValueSerdes serdes = config.valueSerdes();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NotifyProcessor.STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NotifyProcessor.HELD),
                Serdes.String(), serdes.forStore(Alert.class)));
        // Every instance holds every decision: a dismissed or snoozed alert is not sent.
        builder.globalTable(Topics.DECISIONS.name(),
                Consumed.with(Serdes.String(), serdes.forTopic(Topics.DECISIONS)).withName("decisions"),
                org.apache.kafka.streams.kstream.Materialized.<String, dev.govwatch.schemas.Decision,
                        org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as(NotifyProcessor.DECISIONS)
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.forTopic(Topics.DECISIONS)));
        builder.stream(Topics.ALERTS.name(), Consumed.with(Serdes.String(), serdes.<Alert>forTopic(Topics.ALERTS)).withName("alerts"))
                .process(() -> new NotifyProcessor(webhooks), Named.as("notify"), NotifyProcessor.STORE, NotifyProcessor.HELD)
                .to(Topics.DELIVERIES.name(), Produced.with(Serdes.String(), serdes.forTopic(Topics.DELIVERIES)).withName("deliveries"));
        return builder.build();
    }
}
