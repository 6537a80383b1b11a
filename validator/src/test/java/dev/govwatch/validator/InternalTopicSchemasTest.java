package dev.govwatch.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.govwatch.schemas.AgencyLevel;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.BinaryAvroSerde;
import dev.govwatch.schemas.ExpectedAgency;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.Topic;
import dev.govwatch.schemas.Topics;
import dev.govwatch.schemas.ValueSerdes;
import dev.govwatch.streams.ServiceConfig;

/**
 * The internal topics the warm-up looks up are those the topology really writes: the topology run
 * with serdes that note every topic and schema they serialize for.
 */
class InternalTopicSchemasTest {

    private final Map<String, Schema> written = new ConcurrentHashMap<>();

    @Test
    void everyTopicTheTopologyWritesThroughTheRegistryIsLookedUpByTheWarmUp(@TempDir Path stateDir) {
        ServiceConfig config = ServiceConfig.of(ValidatorTopology.APPLICATION_ID, Map.of(ServiceConfig.BOOTSTRAP_SERVERS, "unused:9092",
                ServiceConfig.SERDES, "binary", ServiceConfig.STATE_DIR, stateDir.toString(),
                ServiceConfig.PROCESSING_GUARANTEE, "at_least_once"));
        Properties props = config.streamsProperties();
        try (TopologyTestDriver driver = new TopologyTestDriver(ValidatorTopology.build(new Noting(), Deadlines.national(),
                ValidatorTopology.MissingPolicy.defaults()), props)) {
            TestInputTopic<String, Portal> portals = driver.createInputTopic(Topics.PORTALS.name(), new StringSerializer(),
                    new BinaryAvroSerde<>(Portal.class).serializer());
            TestInputTopic<String, AnnualReport> reports = driver.createInputTopic(Topics.REPORTS.name(), new StringSerializer(),
                    new BinaryAvroSerde<>(AnnualReport.class).serializer());
            AnnualReport clean = TestReports.clean2024(1);
            portals.pipeInput("p1", Portal.newBuilder().setId("p1").setName("甲县人民政府")
                    .setRegion(Region.newBuilder().setCounty("甲县").build()).setListPages(List.of("http://jx.gov.cn/zfxxgknb/"))
                    .setExpectedAgencies(List.of(ExpectedAgency.newBuilder().setName(clean.getAgency())
                            .setLevel(AgencyLevel.DEPARTMENT).build())).build());
            reports.pipeInput(clean.getReportKey(), TestReports.withCell(clean, "T4", "review.reconsideration", "total", 77),
                    Instant.parse("2025-02-01T00:00:00Z"));
        }

        Map<String, Schema> internal = new java.util.HashMap<>(written);
        internal.remove(Topics.ALERTS.name());
        assertThat(internal).as("the topology wrote to its internal topics").isNotEmpty();
        assertThat(ValidatorTopology.internalTopicSchemas(ValidatorTopology.APPLICATION_ID)).containsAllEntriesOf(internal);
    }

    /** Binary serdes that note the topic and schema of every value they serialize. */
    private final class Noting implements ValueSerdes {
        @Override
        public <V extends SpecificRecord> Serde<V> forTopic(Topic<V> topic) {
            return noting(new BinaryAvroSerde<>(topic.valueType()));
        }

        @Override
        public <V extends SpecificRecord> Serde<V> forStore(Class<V> type) {
            return noting(new BinaryAvroSerde<>(type));
        }

        private <V extends SpecificRecord> Serde<V> noting(Serde<V> serde) {
            Serializer<V> noting = (topic, value) -> {
                if (value != null) {
                    written.put(topic, value.getSchema());
                }
                return serde.serializer().serialize(topic, value);
            };
            return Serdes.serdeFrom(noting, serde.deserializer());
        }
    }
}
