package dev.govwatch.streams;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.govwatch.schemas.TopicProvisioner;
import dev.govwatch.schemas.Topics;

/**
 * Runs one Kafka Streams service: makes sure the pipeline's topics exist and the schema registry
 * answers, starts the topology with the service's settings, replaces a stream thread that dies
 * instead of stopping (after a pause when the fault was the environment's, so that an outage
 * or a full disk is ridden out at a calm pace), tells its owner when the client fails for good,
 * and closes cleanly.
 */
public final class StreamsService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsService.class);

    /** Pause before a thread that failed on an {@link EnvironmentFault} is replaced. */
    private static final Duration FAULT_RETRY_PAUSE = Duration.ofSeconds(5);

    private final String name;
    private final KafkaStreams streams;
    private final CompletableFuture<KafkaStreams.State> failed;

    private StreamsService(String name, KafkaStreams streams, CompletableFuture<KafkaStreams.State> failed) {
        this.name = name;
        this.streams = streams;
        this.failed = failed;
    }

    /** Starts the service and waits until it is running, or fails after {@code timeout}. */
    public static StreamsService start(String name, Topology topology, ServiceConfig config, short replicationFactor,
                                       Duration timeout) {
        return start(name, topology, config, replicationFactor, timeout, WarmUp.NONE);
    }

    /**
     * Starts the service and waits until it is running. Once the topics and the registry answer and
     * before the first record is consumed, {@code warmUp} runs for up to {@link ServiceConfig#warmUp()}
     * and then, unless {@code warmUp} is {@link WarmUp#NONE}, the service's Kafka clients for up to
     * {@link ServiceConfig#kafkaWarmUp()} ({@link KafkaPathWarmUp}).
     */
    public static StreamsService start(String name, Topology topology, ServiceConfig config, short replicationFactor,
                                       Duration timeout, WarmUp warmUp) {
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
        checkWritable(name, Path.of(props.getProperty(StreamsConfig.STATE_DIR_CONFIG)));
        if (config.usesRegistry()) {
            config.registry().awaitAnswer(timeout);
        }
        warmUp(name, "sample", warmUp, config.warmUp());
        if (warmUp != WarmUp.NONE) {
            warmUp(name, "Kafka client", new KafkaPathWarmUp(config.clientProperties(), config.applicationId(), config.exactlyOnce(),
                    replicationFactor),
                    config.kafkaWarmUp());
        }
        KafkaStreams streams = new KafkaStreams(topology, props);
        AtomicReference<String> lastError = new AtomicReference<>();
        streams.setUncaughtExceptionHandler(e -> {
            Optional<String> fault = EnvironmentFault.of(e);
            lastError.set(fault.orElseGet(() -> DeadLetterRecords.describe(e)));
            if (fault.isPresent()) {
                LOG.warn("{}: {}; the stream thread starts again from its last commit in {} s",
                        name, fault.get(), FAULT_RETRY_PAUSE.toSeconds());
                try {
                    Thread.sleep(FAULT_RETRY_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            } else {
                LOG.error("{}: stream thread died; replacing it", name, e);
            }
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        CompletableFuture<KafkaStreams.State> failed = new CompletableFuture<>();
        streams.setStateListener((now, before) -> {
            // The global thread cannot be replaced: its death takes the client to ERROR for good.
            if (now == KafkaStreams.State.ERROR) {
                LOG.error("{}: Kafka Streams failed for good (state {}); the service must be restarted", name, now);
                failed.complete(now);
            }
        });
        streams.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING
                    || System.nanoTime() > deadline) {
                KafkaStreams.State state = streams.state();
                streams.close(Duration.ofSeconds(10));
                throw new IllegalStateException(name + " did not reach RUNNING within " + timeout + " (state " + state + ")"
                        + (lastError.get() == null ? "" : ": " + lastError.get()));
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
        return new StreamsService(name, streams, failed);
    }

    /** A warm-up that fails costs the service its head start, never its start. */
    private static void warmUp(String name, String what, WarmUp warmUp, Duration budget) {
        if (warmUp == WarmUp.NONE || budget.isZero()) {
            return;
        }
        long start = System.nanoTime();
        try {
            int records = warmUp.run(budget);
            LOG.info("{}: warmed up on {} {} records in {} ms", name, records, what, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("{}: {} warm-up failed after {} ms ({}); starting cold", name, what, (System.nanoTime() - start) / 1_000_000, e.toString());
        }
    }

    /**
     * Fails at once, naming the directory and the reason, if the state directory cannot be written
     * (read-only, full, not permitted): Kafka Streams would otherwise fail later with a stack trace
     * about process, lock or checkpoint files.
     */
    static void checkWritable(String name, Path stateDir) {
        try {
            Files.createDirectories(stateDir);
            Path probe = Files.createTempFile(stateDir, ".write-probe", ".tmp");
            try {
                // Some bytes, not an empty file: a full disk still has inodes for empty files.
                Files.write(probe, new byte[64 * 1024]);
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException | SecurityException e) {
            String reason = e instanceof FileSystemException fs && fs.getReason() != null
                    ? fs.getReason() : e.getClass().getSimpleName() + ": " + e.getMessage();
            throw new IllegalStateException(name + ": cannot write to the state directory " + stateDir.toAbsolutePath()
                    + " (" + reason + ")", e);
        }
    }

    /** Completes if the client fails for good, so that the owning command can exit non-zero. */
    public CompletionStage<KafkaStreams.State> failure() {
        return failed;
    }

    /** Whether the client failed for good. */
    public boolean hasFailed() {
        return failed.isDone();
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
