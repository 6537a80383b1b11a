package dev.govwatch.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.serialization.Serde;

import dev.govwatch.extractor.Extraction;
import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Topics;
import dev.govwatch.schemas.ValueSerdes;
import dev.govwatch.streams.WarmUp;

/**
 * The extractor's warm-up: the built-in pages ({@link WarmUpPages}) decoded from Avro, extracted,
 * and their reports written through the service's own reports serde, as the service does with
 * real ones, until the budget or {@link #MAX_PAGES} is spent. Pages go through plain Avro, not the
 * registry: writing a page with the registry's serde would register this build's page schema on
 * a topic only the crawler writes (and, from an older extractor, make an older schema the latest).
 */
public final class ExtractorWarmUp implements WarmUp {

    /** Past this many pages the JIT has compiled what it will. */
    static final int MAX_PAGES = 3_000;

    private final ValueSerdes serdes;

    public ExtractorWarmUp(ValueSerdes serdes) {
        this.serdes = serdes;
    }

    @Override
    public int run(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<FetchedPage> pages = WarmUpPages.pages();
        ReportExtractor extractor = new ReportExtractor();
        try (Serde<FetchedPage> pageSerde = ValueSerdes.binary().forTopic(Topics.PAGES);
             Serde<AnnualReport> reportSerde = serdes.forTopic(Topics.REPORTS)) {
            int n = 0;
            while (n < MAX_PAGES && System.nanoTime() < deadline) {
                byte[] wire = pageSerde.serializer().serialize(Topics.PAGES.name(), pages.get(n % pages.size()));
                FetchedPage page = pageSerde.deserializer().deserialize(Topics.PAGES.name(), wire);
                if (extractor.extract(page, Instant.now()) instanceof Extraction.Report report) {
                    reportSerde.serializer().serialize(Topics.REPORTS.name(), report.report());
                }
                n++;
            }
            return n;
        }
    }
}
