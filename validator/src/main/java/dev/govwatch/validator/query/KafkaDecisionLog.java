package dev.govwatch.validator.query;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.govwatch.schemas.Decision;
import dev.govwatch.schemas.Topics;
import dev.govwatch.streams.ServiceConfig;

/** Appends decisions to {@link Topics#DECISIONS} with the service's own client settings and serdes. */
public final class KafkaDecisionLog implements DecisionLog, AutoCloseable {

    private final KafkaProducer<String, Decision> producer;

    public KafkaDecisionLog(ServiceConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "govwatch-decisions");
        this.producer = new KafkaProducer<>(props, new StringSerializer(),
                config.valueSerdes().forTopic(Topics.DECISIONS).serializer());
    }

    @Override
    public void append(Decision decision) throws Exception {
        producer.send(new ProducerRecord<>(Topics.DECISIONS.name(), decision.getAlertId(), decision)).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
