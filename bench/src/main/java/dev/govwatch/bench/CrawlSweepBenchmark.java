package dev.govwatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import dev.govwatch.crawler.CrawlSink;
import dev.govwatch.crawler.Crawler;
import dev.govwatch.crawler.CrawlerSettings;
import dev.govwatch.samples.PortalSimulator;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.CrawlState;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.PortalStatus;
import dev.govwatch.schemas.Region;

/**
 * One sweep of N simulated portals (each its own loopback host with ~10 report pages) at a
 * per-host delay, against the politeness bound: the time the busiest host needs at its allowed
 * rate. Prints wall time, the bound, their ratio, fetches per second and peak heap.
 * Usage: {@code scripts/bench-crawl [portals] [reportsPerPortal] [delayMs]}.
 */
public final class CrawlSweepBenchmark {

    private CrawlSweepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int portals = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int reports = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Duration delay = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 1000);
        String html = new Report2021Page(1).html;
        ExecutorService serverThreads = Executors.newFixedThreadPool(16);
        AtomicLong published = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        CrawlSink counting = new CrawlSink() {
            @Override
            public void page(FetchedPage page) {
                published.incrementAndGet();
                bytes.addAndGet(page.getBody().remaining());
            }

            @Override
            public void state(CrawlState state) {
            }

            @Override
            public void portalStatus(PortalStatus status) {
            }
        };
        try (PortalSimulator simulator = new PortalSimulator(serverThreads);
             Crawler crawler = new Crawler(CrawlerSettings.defaults().withDefaultDelay(delay), counting, Clock.systemUTC())) {
            List<Portal> list = new ArrayList<>();
            for (int i = 0; i < portals; i++) {
                PortalSimulator.Site site = simulator.addSite("p" + i, i, StandardCharsets.UTF_8);
                for (int r = 0; r < reports; r++) {
                    site.publish("2024年政府信息公开工作年度报告" + r, html);
                }
                list.add(Portal.newBuilder().setId(site.id()).setName("县" + i).setRegion(Region.newBuilder().build())
                        .setListPages(List.of(site.columnUrl())).setHostDelayMillis(delay.toMillis())
                        .setAllowPrivateAddresses(true).build());
            }
            System.out.printf("%,d portals × %d reports, %d ms per host; sweeping …%n", portals, reports, delay.toMillis());
            resetPeaks();
            long start = System.nanoTime();
            List<CompletableFuture<Crawler.Sweep>> sweeps = list.stream().map(crawler::sweep).toList();
            CompletableFuture.allOf(sweeps.toArray(CompletableFuture[]::new)).join();
            double wall = (System.nanoTime() - start) / 1e9;

            Map<String, Long> perHost = simulator.hits().stream()
                    .collect(Collectors.groupingBy(PortalSimulator.Hit::host, Collectors.counting()));
            long busiest = perHost.values().stream().mapToLong(Long::longValue).max().orElse(0);
            double bound = (busiest - 1) * delay.toMillis() / 1000.0;
            long fetches = simulator.hits().size();
            System.out.printf("published %,d pages (%,d MB), %,d requests; busiest host %d requests%n",
                    published.get(), bytes.get() >> 20, fetches, busiest);
            System.out.printf("wall %.1f s, politeness bound %.1f s, ratio %.2f (goal ≤ 1.2)%n", wall, bound, wall / bound);
            System.out.printf("%.0f fetches/s, peak heap %d MB (goal < 512 MB)%n", fetches / wall, peakHeapMb());
        } finally {
            serverThreads.shutdownNow();
        }
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks since the reset: an upper bound of the peak heap. */
    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
