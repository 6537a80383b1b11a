package dev.govwatch.crawler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.CrawlState;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.PortalStatus;
import dev.govwatch.schemas.RegistryConnection;
import dev.govwatch.schemas.RegistryUnavailable;
import dev.govwatch.schemas.Topics;

/**
 * The crawler's output to Kafka: pages keyed by URL, crawl state keyed by URL, portal status and
 * portals keyed by portal id. Transactional: everything sent goes into a transaction committed every
 * {@link #COMMIT_INTERVAL_MS} ms and on {@link #flush()}, and a page and the state recording it are
 * always in the same one. A crawler killed mid-sweep therefore leaves either both (the restart knows
 * the page) or neither (the restart fetches and publishes it) for read_committed readers (the
 * extractor, the crawl-state loader): no page lost, none published twice. A transaction that fails
 * is aborted and its URLs are handed to the lost-output listener, so the next sweep redoes them.
 */
public final class KafkaCrawlSink implements CrawlSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCrawlSink.class);
    static final long COMMIT_INTERVAL_MS = 200;
    /**
     * How pages are compressed on the pages topic (portal HTML shrinks several-fold); benchmarks
     * publish the same way. lz4, not zstd: at 200 pages/s on two cores zstd's compressing, the
     * broker's validating and the extractor's decompressing cost the pipeline its pace (page → alert
     * p99 7.4–16.8 s in four runs against 5.1–6.2 s with lz4, docs/BENCHMARKS.md).
     */
    public static final String COMPRESSION = "lz4";

    private final KafkaProducer<String, SpecificRecord> producer;
    /** Sends share the read lock; a commit takes the write lock, so it never splits a page from its state. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<String> urlsInTransaction = new ArrayList<>();
    private final Map<String, Map<String, Long>> pagesThrough = new java.util.concurrent.ConcurrentHashMap<>();
    private final ScheduledExecutorService committer;
    private volatile Consumer<List<String>> onLost = urls -> { };
    private boolean dirty;

    /** @param clientConfig bootstrap servers and any security settings */
    public KafkaCrawlSink(Map<String, Object> clientConfig, RegistryConnection registry) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        // Instances have no stable identity, so no zombie fencing across restarts: a killed process is gone anyway.
        config.putIfAbsent(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "govwatch-crawler-" + UUID.randomUUID());
        // A killed crawler's open transaction holds back every read_committed reader of the pages
        // topic (the extractor) until the broker aborts it; commits come every 200 ms, so 10 s is ample.
        config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), AvroSerdes.<SpecificRecord>serializer(registry));
        producer.initTransactions();
        producer.beginTransaction();
        this.committer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "govwatch-crawl-sink-commit");
            t.setDaemon(true);
            return t;
        });
        committer.scheduleWithFixedDelay(this::commit, COMMIT_INTERVAL_MS, COMMIT_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Told of the URLs whose page or state could not be delivered (the crawler forgets them, to redo them). */
    public void onLost(Consumer<List<String>> listener) {
        this.onLost = listener;
    }

    @Override
    public void page(FetchedPage page) {
        send(Topics.PAGES.name(), page.getUrl(), page, page.getUrl());
    }

    @Override
    public void state(CrawlState state) {
        send(Topics.CRAWL_STATE.name(), state.getUrl(), state, state.getUrl());
    }

    @Override
    public void published(FetchedPage page, CrawlState state) {
        lock.readLock().lock();
        try {
            // A state without its page would tell a restarted crawler that the page was published.
            if (send(Topics.PAGES.name(), page.getUrl(), page, page.getUrl())) {
                state(state);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The status with {@code pagesThrough}: for each pages partition, the offset just past the last
     * page of this portal sent so far (by this process or, as the status carries it, an earlier one).
     * The sends are flushed first, so that their offsets are known.
     */
    @Override
    public void portalStatus(PortalStatus status) {
        producer.flush();
        Map<String, Long> merged = new HashMap<>(status.getPagesThrough());
        Map<String, Long> sent = pagesThrough.get(status.getPortalId());
        if (sent != null) {
            sent.forEach((partition, offset) -> merged.merge(partition, offset, Math::max));
        }
        send(Topics.PORTAL_STATUS.name(), status.getPortalId(), PortalStatus.newBuilder(status).setPagesThrough(merged).build(), null);
    }

    /** Publishes the watched portals, for the validator's expected agencies. */
    public void portal(Portal portal) {
        send(Topics.PORTALS.name(), portal.getId(), portal, null);
    }

    /**
     * Adds the record to the open transaction; false if it could not be (the registry unreachable for
     * a schema not yet cached, say), in which case its URL is handed back to be fetched again.
     */
    private boolean send(String topic, String key, SpecificRecord value, String url) {
        lock.readLock().lock();
        try {
            if (value instanceof FetchedPage page) {
                // Where each portal's pages went: the validator judges absences once the extractor has read past them.
                producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                    if (error == null && metadata.hasOffset()) {
                        pagesThrough.computeIfAbsent(page.getPortalId(), p -> new java.util.concurrent.ConcurrentHashMap<>())
                                .merge(Integer.toString(metadata.partition()), metadata.offset() + 1, Math::max);
                    }
                });
            } else {
                producer.send(new ProducerRecord<>(topic, key, value));
            }
            synchronized (urlsInTransaction) {
                dirty = true;
                if (url != null) {
                    urlsInTransaction.add(url);
                }
            }
            return true;
        } catch (SerializationException e) {
            // Thrown before the record joins the transaction, which stays usable.
            LOG.warn("crawl output: cannot serialize {} for {} ({}){}", key, topic, RegistryUnavailable.causedBy(e) ? "schema registry unreachable" : String.valueOf(e.getMessage()),
                    url == null ? "" : "; it will be fetched again");
            if (url != null) {
                onLost.accept(List.of(url));
            }
            return false;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Commits what was sent so far; afterwards it is visible to read_committed readers. */
    public void flush() {
        commit();
    }

    private void commit() {
        lock.writeLock().lock();
        try {
            List<String> urls;
            synchronized (urlsInTransaction) {
                if (!dirty) {
                    return;
                }
                urls = new ArrayList<>(urlsInTransaction);
                urlsInTransaction.clear();
                dirty = false;
            }
            try {
                producer.commitTransaction();
            } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
                LOG.error("crawl output: the producer cannot go on ({}); {} URL(s) will be fetched again", e.getMessage(), urls.size());
                onLost.accept(urls);
                throw e;
            } catch (KafkaException e) {
                LOG.warn("crawl output: transaction failed ({}); aborting it, {} URL(s) will be fetched again", e.getMessage(), urls.size());
                producer.abortTransaction();
                onLost.accept(urls);
            }
            producer.beginTransaction();
        } catch (RuntimeException e) {
            LOG.error("crawl output: commit failed", e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        committer.shutdown();
        try {
            committer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commit();
        lock.writeLock().lock();
        try {
            // The transaction begun after the last commit is empty; end it, or close() waits out a timeout for it.
            producer.abortTransaction();
        } catch (RuntimeException e) {
            LOG.debug("crawl output: ending the empty transaction at close: {}", e.getMessage());
        } finally {
            lock.writeLock().unlock();
        }
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
