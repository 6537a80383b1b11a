package dev.govwatch.crawler;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.CrawlState;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.PortalStatus;
import dev.govwatch.schemas.RegistryConnection;
import dev.govwatch.schemas.Topics;

/**
 * The crawler's output to Kafka: pages keyed by URL, crawl state keyed by URL, portal status and
 * portals keyed by portal id. Idempotent, acks=all, zstd (page bodies compress well).
 */
public final class KafkaCrawlSink implements CrawlSink, AutoCloseable {

    private final KafkaProducer<String, SpecificRecord> producer;

    /** @param clientConfig bootstrap servers and any security settings */
    public KafkaCrawlSink(Map<String, Object> clientConfig, RegistryConnection registry) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), AvroSerdes.<SpecificRecord>serializer(registry));
    }

    @Override
    public void page(FetchedPage page) {
        producer.send(new ProducerRecord<>(Topics.PAGES.name(), page.getUrl(), page));
    }

    @Override
    public void state(CrawlState state) {
        producer.send(new ProducerRecord<>(Topics.CRAWL_STATE.name(), state.getUrl(), state));
    }

    @Override
    public void portalStatus(PortalStatus status) {
        producer.send(new ProducerRecord<>(Topics.PORTAL_STATUS.name(), status.getPortalId(), status));
    }

    /** Publishes the watched portals, for the validator's expected agencies. */
    public void portal(Portal portal) {
        producer.send(new ProducerRecord<>(Topics.PORTALS.name(), portal.getId(), portal));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
