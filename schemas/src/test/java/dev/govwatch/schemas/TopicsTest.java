package dev.govwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void topicNamesAndValueTypesAreUnique() {
        Set<String> names = new HashSet<>();
        Set<Class<?>> types = new HashSet<>();
        for (Topic<?> topic : Topics.ALL) {
            assertThat(names.add(topic.name())).as("duplicate topic %s", topic).isTrue();
            assertThat(types.add(topic.valueType())).as("two topics carry %s", topic.valueType()).isTrue();
            assertThat(topic.name()).startsWith("govwatch.");
            assertThat(topic.valueArtifactId()).isEqualTo(topic.name() + "-value");
            assertThat(topic.valueSchema()).isEqualTo(
                    org.apache.avro.specific.SpecificData.get().getSchema(topic.valueType()));
        }
    }

    @Test
    void entityTopicsAreCompactedSoReplayFindsTheLatestVersion() {
        for (Topic<?> topic : Set.of(Topics.PORTALS, Topics.PAGES, Topics.REPORTS, Topics.ALERTS, Topics.CRAWL_STATE)) {
            assertThat(topic.brokerConfig())
                    .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
                    .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
        }
    }

    @Test
    void deadLettersExpireAfterThirtyDays() {
        assertThat(Topics.DEAD_LETTERS.brokerConfig())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(30L * 24 * 3600 * 1000));
    }

    @Test
    void newTopicCarriesPartitionsAndConfig() {
        var newTopic = Topics.PAGES.newTopic((short) 1);
        assertThat(newTopic.name()).isEqualTo("govwatch.pages");
        assertThat(newTopic.numPartitions()).isEqualTo(6);
        assertThat(newTopic.configs()).containsEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                Integer.toString(Topics.MAX_RECORD_BYTES));
    }
}
