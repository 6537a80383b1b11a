package dev.govwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** What a service hands Kafka Streams: the project's defaults, and a user's {@code kafka.*} settings over them. */
class ServiceConfigTest {

    @Test
    void streamProducersRetryARefusedSendSoonerThanKafkasDefault() {
        Properties props = ServiceConfig.of("app", Map.of(ServiceConfig.BOOTSTRAP_SERVERS, "k:9092")).streamsProperties();

        // Kafka's own defaults are 100 ms and 1 s: a transaction racing its predecessor's markers waited that long.
        assertThat(props.get("producer.retry.backoff.ms")).isEqualTo(20L);
        assertThat(props.get("producer.retry.backoff.max.ms")).isEqualTo(200L);
    }

    @Test
    void aUsersKafkaSettingWinsOverTheProjectsDefault() {
        Properties props = ServiceConfig.of("app", Map.of(ServiceConfig.BOOTSTRAP_SERVERS, "k:9092",
                "kafka.producer.retry.backoff.ms", "500", "kafka.producer.retry.backoff.max.ms", "5000")).streamsProperties();

        assertThat(props.get("producer.retry.backoff.ms")).isEqualTo("500");
        assertThat(props.get("producer.retry.backoff.max.ms")).isEqualTo("5000");
    }

    @Test
    void transactionsAndTheKafkaWarmUpFollowTheSettings() {
        ServiceConfig defaults = ServiceConfig.of("app", Map.of(ServiceConfig.BOOTSTRAP_SERVERS, "k:9092"));
        ServiceConfig atLeastOnce = ServiceConfig.of("app", Map.of(ServiceConfig.BOOTSTRAP_SERVERS, "k:9092",
                ServiceConfig.PROCESSING_GUARANTEE, "at_least_once", ServiceConfig.WARM_UP_KAFKA_MS, "0"));

        assertThat(defaults.exactlyOnce()).isTrue();
        assertThat(defaults.kafkaWarmUp()).isEqualTo(java.time.Duration.ofSeconds(3));
        assertThat(atLeastOnce.exactlyOnce()).isFalse();
        assertThat(atLeastOnce.kafkaWarmUp()).isZero();
    }

    @Test
    void aBulkWorkloadBatchesTheStreamProducersAndALiveOneDoesNot() {
        Properties live = streamsProperties();
        Properties bulk = streamsProperties(ServiceConfig.WORKLOAD, ServiceConfig.BULK);
        Properties bulkWithUsersBatch = streamsProperties(ServiceConfig.WORKLOAD, ServiceConfig.BULK, "kafka.producer.batch.size", "65536");

        assertThat(live).doesNotContainKeys("producer.batch.size", "producer.linger.ms");
        assertThat(bulk.get("producer.batch.size")).isEqualTo(262144);
        assertThat(bulk.get("producer.linger.ms")).isEqualTo(20L);
        assertThat(bulkWithUsersBatch.get("producer.batch.size")).isEqualTo("65536");
        assertThat(bulkWithUsersBatch.get("producer.linger.ms")).isEqualTo(20L);
    }

    @Test
    void aBulkWorkloadCommitsLessOftenUnlessTheUserSetsTheInterval() {
        assertThat(streamsProperties().get("commit.interval.ms")).isEqualTo(200L);
        assertThat(streamsProperties(ServiceConfig.WORKLOAD, ServiceConfig.BULK).get("commit.interval.ms")).isEqualTo(1_000L);
        assertThat(streamsProperties(ServiceConfig.WORKLOAD, ServiceConfig.BULK, ServiceConfig.COMMIT_INTERVAL_MS, "200")
                .get("commit.interval.ms")).isEqualTo(200L);
    }

    /** A service's Kafka Streams properties with these settings (key, value, …) beside its bootstrap servers. */
    private static Properties streamsProperties(String... settings) {
        Map<String, Object> map = new java.util.HashMap<>(Map.of(ServiceConfig.BOOTSTRAP_SERVERS, "k:9092"));
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        return ServiceConfig.of("app", map).streamsProperties();
    }

    @Test
    void anUnknownWorkloadIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServiceConfig.of("app", Map.of(ServiceConfig.WORKLOAD, "fast")))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class).hasMessageContaining("workload");
    }
}
