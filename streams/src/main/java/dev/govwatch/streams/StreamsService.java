package dev.govwatch.streams;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.govwatch.schemas.TopicProvisioner;
import dev.govwatch.schemas.Topics;

/**
 * Runs one Kafka Streams service: makes sure the pipeline's topics exist, starts the topology with
 * the service's settings, replaces a stream thread that dies on an unexpected error instead of
 * stopping, and closes cleanly.
 */
public final class StreamsService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsService.class);

    private final String name;
    private final KafkaStreams streams;

    private StreamsService(String name, KafkaStreams streams) {
        this.name = name;
        this.streams = streams;
    }

    /** Starts the service and waits until it is running, or fails after {@code timeout}. */
    public static StreamsService start(String name, Topology topology, ServiceConfig config, short replicationFactor,
                                       Duration timeout) {
        Properties props = config.streamsProperties();
        Properties adminProps = new Properties();
        adminProps.putAll(props);
        adminProps.put("default.api.timeout.ms", (int) Math.min(timeout.toMillis(), 60_000));
        try (Admin admin = Admin.create(adminProps)) {
            new TopicProvisioner(admin, replicationFactor).ensure(Topics.ALL);
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + ": cannot prepare the topics on Kafka at "
                    + props.get("bootstrap.servers") + ": " + e.getMessage(), e);
        }
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("{}: stream thread died; replacing it", name, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING
                    || System.nanoTime() > deadline) {
                KafkaStreams.State state = streams.state();
                streams.close(Duration.ofSeconds(10));
                throw new IllegalStateException(name + " did not reach RUNNING within " + timeout + " (state " + state + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                streams.close(Duration.ofSeconds(10));
                throw new IllegalStateException("interrupted while starting " + name, e);
            }
        }
        LOG.info("{} running (application id {})", name, props.get("application.id"));
        return new StreamsService(name, streams);
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        LOG.info("stopping {}", name);
        // Leave the group at once, so that other instances take over (and govwatch replay may start)
        // without waiting for this member's session to expire.
        streams.close(org.apache.kafka.streams.CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
