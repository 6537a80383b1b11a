package dev.govwatch.schemas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Creates the pipeline's topics as {@link Topics} declares them, leaving existing ones alone, and
 * refuses to go on when an existing topic has fewer partitions than declared: the services
 * co-partition by key, so a mismatch would silently split an agency's state.
 */
public final class TopicProvisioner {

    private final Admin admin;
    private final short replicationFactor;

    public TopicProvisioner(Admin admin, short replicationFactor) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
    }

    /** Creates what is missing and returns the names of the topics it created. */
    public List<String> ensure(Collection<Topic<?>> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            List<String> present = new ArrayList<>();
            for (Topic<?> topic : topics) {
                if (existing.contains(topic.name())) {
                    present.add(topic.name());
                } else {
                    missing.add(topic.newTopic(replicationFactor));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            checkPartitions(topics, present);
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the govwatch topics: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    private void checkPartitions(Collection<Topic<?>> topics, List<String> present)
            throws ExecutionException, InterruptedException {
        if (present.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames().get();
        for (Topic<?> topic : topics) {
            TopicDescription description = descriptions.get(topic.name());
            if (description != null && description.partitions().size() < topic.partitions()) {
                throw new IllegalStateException("topic " + topic.name() + " has " + description.partitions().size()
                        + " partitions but govwatch declares " + topic.partitions()
                        + "; add partitions with kafka-topics --alter before starting");
            }
        }
    }
}
