package dev.govwatch.schemas;

import java.time.Duration;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The only place a topic is named. The data flows
 * crawler → {@link #PAGES} → extractor → {@link #REPORTS} → validator → {@link #ALERTS} → people,
 * whose {@link #DECISIONS} come back to the validator and the notifier; with {@link #PORTALS}, {@link #CRAWL_STATE} and {@link #PORTAL_STATUS} beside it and {@link #DEAD_LETTERS} catching what
 * any stage could not process.
 */
public final class Topics {

    /** Upper bound of one record on every govwatch topic (page bodies are the large ones). */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    /**
     * Watched portals, keyed by portal id; the crawler writes them from the portal file, and crawler
     * instances split them by partition (so the partition count bounds the useful instances).
     */
    public static final Topic<Portal> PORTALS = compacted("govwatch.portals", Portal.class,
            Portal.getClassSchema(), 12, "Watched portals, keyed by portal id.");

    /** Every fetched version of a report page, keyed by URL; compaction keeps the latest for replay. */
    public static final Topic<FetchedPage> PAGES = compacted("govwatch.pages", FetchedPage.class,
            FetchedPage.getClassSchema(), 6, "Fetched pages and attachments, keyed by URL.");

    /**
     * Extracted reports, keyed by report key (agency and year), each on its agency's partition
     * ({@link ReportPlacement}), where the validator meets every year of the agency.
     */
    public static final Topic<AnnualReport> REPORTS = compacted("govwatch.reports", AnnualReport.class,
            AnnualReport.getClassSchema(), 6, "Extracted annual reports, keyed by report key.");

    /** Alerts, keyed by their deterministic id; the latest status per alert survives compaction. */
    public static final Topic<Alert> ALERTS = compacted("govwatch.alerts", Alert.class,
            Alert.getClassSchema(), 6, "Validator alerts, keyed by alert id.");

    /**
     * Reviewers' decisions on alerts, keyed by alert id: apart from the alerts so that they outlive
     * every replay of the alerts and a new extractor version (alert ids are deterministic). One
     * partition: people write them, a few a minute at most.
     */
    public static final Topic<Decision> DECISIONS = compacted("govwatch.decisions", Decision.class,
            Decision.getClassSchema(), 1, "Reviewers' decisions (confirm, dismiss, snooze) with their audit trail, keyed by alert id.");

    /**
     * Notifications the notifier decided to send, keyed by webhook name: its stream decides (once,
     * exactly), a delivery loop beside it sends, so that a slow receiver delays only itself.
     */
    public static final Topic<Delivery> DELIVERIES = new Topic<>("govwatch.deliveries", Delivery.class,
            Delivery.getClassSchema(), 6, Topic.Cleanup.DELETE, Duration.ofDays(7),
            "Webhook notifications to send (decided by the notifier's stream, sent by its delivery loop), keyed by webhook name.");

    /** Crawler bookkeeping per URL, so a restarted crawler resumes where it stopped. */
    public static final Topic<CrawlState> CRAWL_STATE = compacted("govwatch.crawl-state", CrawlState.class,
            CrawlState.getClassSchema(), 6, "Crawler state per URL, keyed by URL.");

    /** Per portal: can the crawler read it? Written by the crawler, read by the validator (BLOCKED, not MISSING). */
    public static final Topic<PortalStatus> PORTAL_STATUS = compacted("govwatch.portal-status", PortalStatus.class,
            PortalStatus.getClassSchema(), 1, "Crawler's view of each portal (OK, BLOCKED, UNREACHABLE), keyed by portal id.");

    /** Records no stage could process, with the reason; kept 30 days. */
    public static final Topic<DeadLetter> DEAD_LETTERS = new Topic<>("govwatch.dead-letters", DeadLetter.class,
            DeadLetter.getClassSchema(), 1, Topic.Cleanup.DELETE, Duration.ofDays(30),
            "Records that failed, with source topic/partition/offset and the error.");

    /**
     * Bytes each service writes in transactions and reads back as it starts, before it consumes, so
     * that its Kafka clients' code is compiled before the first real record (streams'
     * {@code KafkaPathWarmUp}); no schema, nothing else reads it, one partition, kept an hour. Not in
     * {@link #ALL}: the service that warms up creates it.
     */
    public static final String WARM_UP = "govwatch.warm-up";

    /** All topics, in data-flow order. */
    public static final List<Topic<?>> ALL = List.of(PORTALS, PAGES, REPORTS, ALERTS, DECISIONS, DELIVERIES, CRAWL_STATE, PORTAL_STATUS, DEAD_LETTERS);

    private Topics() {
    }

    private static <V extends SpecificRecord> Topic<V> compacted(String name, Class<V> type, Schema schema,
                                                                 int partitions, String doc) {
        return new Topic<>(name, type, schema, partitions, Topic.Cleanup.COMPACT, null, doc);
    }
}
