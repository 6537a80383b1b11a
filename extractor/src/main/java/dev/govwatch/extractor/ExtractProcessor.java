package dev.govwatch.extractor;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import dev.govwatch.schemas.DeadLetter;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Portal;
import dev.govwatch.streams.DeadLetterRecords;

/**
 * Runs the {@link ReportExtractor} on each page. Reports go on keyed by report key; pages that are
 * not reports are counted and dropped; pages that look like reports but cannot be read, and pages
 * on which extraction throws, become dead letters carrying the page's topic, partition, offset and
 * URL. Extraction failures are data here, so one bad page never stops the stream.
 */
final class ExtractProcessor implements Processor<String, FetchedPage, String, ExtractorOutput> {

    static final String METRIC_GROUP = "govwatch-extractor";

    private final ReportExtractor extractor = new ReportExtractor();
    private ProcessorContext<String, ExtractorOutput> context;
    private TimestampedKeyValueStore<String, Portal> portals;
    private Sensor reports;
    private Sensor skipped;
    private Sensor deadLettered;

    @Override
    public void init(ProcessorContext<String, ExtractorOutput> context) {
        this.context = context;
        this.portals = context.getStateStore(ExtractorTopology.PORTALS_STORE);
        this.reports = counter("reports-extracted-total", "Pages read into an annual report");
        this.skipped = counter("pages-skipped-total", "Pages that are not annual reports (list pages, other articles)");
        this.deadLettered = counter("pages-dead-lettered-total", "Report pages that could not be extracted");
    }

    @Override
    public void process(Record<String, FetchedPage> record) {
        FetchedPage page = record.value();
        if (page == null) {
            return; // a tombstone: the page was deleted from the compacted topic
        }
        Extraction extraction;
        try {
            extraction = extractor.extract(page, Instant.ofEpochMilli(context.currentSystemTimeMs()), portalRegion(page));
        } catch (RuntimeException | StackOverflowError e) {
            deadLetter(record, page, "extract", e);
            return;
        }
        if (extraction instanceof Extraction.Report report) {
            reports.record();
            context.forward(record.withKey(report.report().getReportKey()).withValue(ExtractorOutput.of(report.report())));
        } else if (extraction instanceof Extraction.Unreadable unreadable) {
            deadLetter(record, page, "extract", new ExtractionException(unreadable.reason()));
        } else {
            skipped.record();
        }
    }

    /** The region of the portal the page was found on, from the portals table; null when unknown. */
    private dev.govwatch.schemas.Region portalRegion(FetchedPage page) {
        if (page.getPortalId() == null) {
            return null;
        }
        ValueAndTimestamp<Portal> portal = portals.get(page.getPortalId());
        return portal == null || portal.value() == null ? null : portal.value().getRegion();
    }

    private void deadLetter(Record<String, FetchedPage> record, FetchedPage page, String stage, Throwable error) {
        deadLettered.record();
        RecordMetadata source = context.recordMetadata().orElse(null);
        ByteBuffer body = page.getBody().duplicate();
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        DeadLetter letter = DeadLetterRecords.of(source == null ? null : source.topic(),
                source == null ? -1 : source.partition(), source == null ? -1 : source.offset(),
                record.key(), page.getUrl(), stage, error, bytes);
        context.forward(record.withKey(page.getUrl()).withValue(ExtractorOutput.of(letter)));
    }

    private Sensor counter(String name, String description) {
        Sensor sensor = context.metrics().addSensor(METRIC_GROUP + "." + name, Sensor.RecordingLevel.INFO);
        sensor.add(new MetricName(name, METRIC_GROUP, description, Map.of()), new CumulativeCount());
        return sensor;
    }
}
