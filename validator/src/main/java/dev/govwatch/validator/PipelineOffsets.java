package dev.govwatch.validator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.govwatch.schemas.Topics;

/**
 * A sweep's way through the pipeline, read from the consumer groups' committed offsets, in three
 * steps, each proven by the one before: the extractor's group past the sweep's pages (it runs
 * exactly-once, so their reports were committed with those offsets and sit below the reports topic's
 * committed end at that moment); then this validator's group past that end on the reports topic
 * (reports on their agency's partition were validated then, the copies of the others in the
 * repartition topic committed with it, below that topic's end then); then past that end on the
 * repartition topic. Only then is an absence
 * on the portal an absence: the one check's wait this replaced let a report still crossing the
 * repartition be called missing for a second. Asked at most every {@link #REFRESH}; an answer that
 * cannot be had is {@link SweepProgress.Progress#UNKNOWN}, never a guess.
 */
public final class PipelineOffsets implements SweepProgress, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineOffsets.class);
    static final Duration REFRESH = Duration.ofSeconds(2);
    /** Sweeps followed at once; the oldest is forgotten first (asked again, it starts over, which is only slower). */
    static final int SWEEPS_FOLLOWED = 10_000;

    private final Admin admin;
    private final Duration refresh;
    private final String extractorGroup;
    private final String validatorGroup;
    private final String repartitionTopic;
    private final Map<Map<String, Long>, Step> sweeps = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Map<String, Long>, Step> eldest) {
            return size() > SWEEPS_FOLLOWED;
        }
    };
    private Map<TopicPartition, Long> committed;
    private long fetchedAtNanos;
    private boolean warned;

    /** Where one sweep is: the step it waits on and the offsets that step must reach. */
    private static final class Step {
        int passed;
        Map<TopicPartition, Long> target;
    }

    /**
     * @param adminConfig      bootstrap servers and client settings
     * @param extractorGroup   the extractor's application id
     * @param validatorGroup   this validator's application id (its repartition topic is named after it)
     */
    public PipelineOffsets(Map<String, Object> adminConfig, String extractorGroup, String validatorGroup) {
        this(adminConfig, extractorGroup, validatorGroup, REFRESH);
    }

    /** @param refresh how long committed offsets once read are taken as they were */
    PipelineOffsets(Map<String, Object> adminConfig, String extractorGroup, String validatorGroup, Duration refresh) {
        this.admin = Admin.create(adminConfig);
        this.refresh = refresh;
        this.extractorGroup = extractorGroup;
        this.validatorGroup = validatorGroup;
        this.repartitionTopic = ValidatorTopology.reportsRepartitionTopic(validatorGroup);
    }

    @Override
    public synchronized Progress of(Map<String, Long> pagesThrough) {
        if (pagesThrough.isEmpty()) {
            return Progress.PASSED;
        }
        Step step = sweeps.computeIfAbsent(Map.copyOf(pagesThrough), k -> new Step());
        if (step.passed == 3) {
            return Progress.PASSED;
        }
        try {
            Map<TopicPartition, Long> offsets = committed();
            if (!reached(offsets, step.passed == 0 ? pages(pagesThrough) : step.target)) {
                return Progress.PENDING;
            }
            step.passed++;
            if (step.passed == 3) {
                return Progress.PASSED;
            }
            step.target = committedEnds(step.passed == 1 ? Topics.REPORTS.name() : repartitionTopic);
            // The offsets at hand were read before these ends were taken, and are most likely behind them: read afresh next time.
            committed = null;
            return Progress.PENDING;
        } catch (Exception e) {
            return unreadable(e);
        }
    }

    private static Map<TopicPartition, Long> pages(Map<String, Long> pagesThrough) {
        Map<TopicPartition, Long> target = new HashMap<>();
        pagesThrough.forEach((partition, offset) -> target.put(new TopicPartition(Topics.PAGES.name(), Integer.parseInt(partition)), offset));
        return target;
    }

    /** Whether every partition's committed offset is at or past its target (an empty partition's 0 needs none). */
    private static boolean reached(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> target) {
        for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
            if (e.getValue() > 0 && committed.getOrDefault(e.getKey(), -1L) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Each partition's end as a read_committed consumer sees it (the last stable offset): what the
     * groups have committed to reach. Kafka Streams commits its consumer's position, past the commit
     * marker that ends each transaction, so a group that has read everything reaches it.
     */
    private Map<TopicPartition, Long> committedEnds(String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            query.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(query, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(5, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Both groups' committed offsets, read at most every {@code refresh}. */
    private Map<TopicPartition, Long> committed() throws Exception {
        if (committed != null && System.nanoTime() - fetchedAtNanos < refresh.toNanos()) {
            return committed;
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (String group : List.of(extractorGroup, validatorGroup)) {
            Map<TopicPartition, OffsetAndMetadata> read = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(5, TimeUnit.SECONDS);
            read.forEach((tp, offset) -> {
                // The extractor's offsets count on the pages topic only; the validator's on what it reads.
                if (offset != null && (group.equals(extractorGroup) ? tp.topic().equals(Topics.PAGES.name()) : !tp.topic().equals(Topics.PAGES.name()))) {
                    offsets.put(tp, offset.offset());
                }
            });
        }
        committed = offsets;
        fetchedAtNanos = System.nanoTime();
        warned = false;
        return committed;
    }

    private Progress unreadable(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        if (!warned) {
            LOG.warn("cannot follow sweeps through the pipeline (groups {} and {}): {}; absences on freshly swept portals "
                    + "are judged by time", extractorGroup, validatorGroup, e.toString());
            warned = true;
        }
        committed = null;
        return Progress.UNKNOWN;
    }

    /** The sweeps followed now, for tests. */
    synchronized List<Integer> stepsPassed() {
        List<Integer> passed = new ArrayList<>();
        sweeps.values().forEach(s -> passed.add(s.passed));
        return passed;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
