package dev.govwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.govwatch.schemas.Topic;
import dev.govwatch.schemas.Topics;

/** The stack the extension hands to tests has every topic as the topic registry declares it. */
@ExtendWith(StackExtension.class)
class StackExtensionIT {

    @Test
    void topicsAreCreatedAsDeclared(Stack stack) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            List<String> names = Topics.ALL.stream().map(Topic::name).toList();
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
            for (Topic<?> topic : Topics.ALL) {
                assertThat(described.get(topic.name()).partitions()).hasSize(topic.partitions());
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                        .isEqualTo(topic.brokerConfig().get(TopicConfig.CLEANUP_POLICY_CONFIG));
                assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value())
                        .isEqualTo(topic.brokerConfig().get(TopicConfig.RETENTION_MS_CONFIG));
            }
        }
    }

    @Test
    void theSameStackServesEveryTest(Stack stack, Stack again) {
        assertThat(again).isSameAs(stack);
        assertThat(stack.registryUrl()).endsWith("/apis/registry/v2");
    }
}
