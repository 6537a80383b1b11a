package dev.govwatch.validator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.govwatch.schemas.Topics;

/**
 * The extractor's progress as its consumer group has committed it on the pages topic. The
 * extractor runs exactly-once, so a committed offset past a page means the page's report (or dead
 * letter) was committed with it. Asked at most every {@link #REFRESH}; an answer that cannot be had
 * is {@link ExtractionProgress.Progress#UNKNOWN}, never a guess.
 */
public final class ExtractorOffsets implements ExtractionProgress, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExtractorOffsets.class);
    static final Duration REFRESH = Duration.ofSeconds(2);

    private final Admin admin;
    private final String extractorGroup;
    private Map<String, Long> committed;
    private long fetchedAtNanos;
    private boolean warned;

    /** @param adminConfig bootstrap servers and client settings; {@code extractorGroup} the extractor's application id */
    public ExtractorOffsets(Map<String, Object> adminConfig, String extractorGroup) {
        this.admin = Admin.create(adminConfig);
        this.extractorGroup = extractorGroup;
    }

    @Override
    public synchronized Progress of(Map<String, Long> pagesThrough) {
        if (pagesThrough.isEmpty()) {
            return Progress.PASSED;
        }
        Map<String, Long> offsets = committed();
        if (offsets == null) {
            return Progress.UNKNOWN;
        }
        for (Map.Entry<String, Long> e : pagesThrough.entrySet()) {
            Long at = offsets.get(e.getKey());
            if (at == null || at < e.getValue()) {
                return Progress.PENDING;
            }
        }
        return Progress.PASSED;
    }

    private Map<String, Long> committed() {
        if (committed != null && System.nanoTime() - fetchedAtNanos < REFRESH.toNanos()) {
            return committed;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> group = admin.listConsumerGroupOffsets(extractorGroup)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<String, Long> pages = new HashMap<>();
            group.forEach((tp, offset) -> {
                if (offset != null && tp.topic().equals(Topics.PAGES.name())) {
                    pages.put(Integer.toString(tp.partition()), offset.offset());
                }
            });
            committed = pages;
            fetchedAtNanos = System.nanoTime();
            warned = false;
            return committed;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (!warned) {
                LOG.warn("cannot read the extractor's offsets (group {}): {}; absences on freshly swept portals are judged by time",
                        extractorGroup, e.toString());
                warned = true;
            }
            committed = null;
            return null;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
