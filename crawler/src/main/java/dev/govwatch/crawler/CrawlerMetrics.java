package dev.govwatch.crawler;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The crawler's meters: fetches by outcome, bytes received, fetch latency, requests waiting for
 * their host's turn (in all and at the busiest host), pages published.
 */
public final class CrawlerMetrics {

    private final MeterRegistry registry;
    private final Timer latency;
    private final DistributionSummary bytes;
    private final Counter published;

    public CrawlerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("govwatch.crawler.fetch.latency").description("Time from request to complete response")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.bytes = DistributionSummary.builder("govwatch.crawler.fetch.bytes").baseUnit("bytes")
                .description("Response body sizes").register(registry);
        this.published = Counter.builder("govwatch.crawler.pages.published")
                .description("New pages and new versions published").register(registry);
    }

    /** One response (or failure) and what became of it. */
    void fetched(String outcome, Duration took, int bodyBytes) {
        Counter.builder("govwatch.crawler.fetches").description("HTTP fetches by outcome").tag("outcome", outcome)
                .register(registry).increment();
        latency.record(took);
        bytes.record(bodyBytes);
    }

    void published() {
        published.increment();
    }

    void watchQueues(Supplier<Number> waiting, Supplier<Number> busiestHost) {
        Gauge.builder("govwatch.crawler.queued", waiting).description("Requests waiting for their host's turn").register(registry);
        Gauge.builder("govwatch.crawler.queued.busiest.host", busiestHost)
                .description("Requests waiting at the host with the longest queue").register(registry);
    }

    /** The outcome tag of a response. */
    static String outcome(FetchResult r) {
        if (r.status() == 0) {
            String error = String.valueOf(r.error());
            return error.startsWith("TLS") ? "tls" : error.startsWith("body") ? "too_large"
                    : error.startsWith("Timeout") ? "timeout" : error.startsWith("refused") || error.startsWith("redirect") ? "refused" : "error";
        }
        if (Challenges.detect(r).isPresent()) {
            return "challenge";
        }
        if (r.status() == 304) {
            return "not_modified";
        }
        return (r.status() / 100) + "xx";
    }
}
