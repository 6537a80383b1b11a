package dev.govwatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import dev.govwatch.crawler.CrawlSink;
import dev.govwatch.crawler.Crawler;
import dev.govwatch.crawler.CrawlerSettings;
import dev.govwatch.samples.StandaloneSimulator;
import dev.govwatch.schemas.CrawlState;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.PortalStatus;
import dev.govwatch.schemas.Region;

/**
 * One sweep of N simulated portals (each its own loopback host with ~10 report pages) at a
 * per-host delay, against the politeness bound: the time the busiest host needs at its allowed
 * rate. The simulator runs in a child JVM ({@link StandaloneSimulator}), so the peak heap printed
 * is the crawler's alone; the two processes still share the machine's cores.
 * Prints wall time, the bound, their ratio, fetches per second and peak heap.
 * Usage: {@code scripts/bench-crawl [portals] [reportsPerPortal] [delayMs]}.
 */
public final class CrawlSweepBenchmark {

    private CrawlSweepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int portals = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int reports = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Duration delay = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 1000);
        Path columns = Files.createTempFile("govwatch-columns", ".txt");
        Process simulator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), StandaloneSimulator.class.getName(),
                Integer.toString(portals), Integer.toString(reports), "16", columns.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter commands = new PrintWriter(simulator.getOutputStream(), true, StandardCharsets.UTF_8)) {
            System.out.printf("starting %,d simulated portals in a child JVM …%n", portals);
            expect(out, "READY");
            List<Portal> list = Files.readAllLines(columns).stream().map(url -> portal(url, delay)).toList();
            sweep(list, reports, delay, out, commands);
            commands.println("quit");
        } finally {
            simulator.destroy();
            Files.deleteIfExists(columns);
        }
    }

    private static void sweep(List<Portal> list, int reports, Duration delay, BufferedReader out, PrintWriter commands)
            throws Exception {
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
        try (Crawler crawler = new Crawler(CrawlerSettings.defaults().withDefaultDelay(delay), counting, Clock.systemUTC())) {
            System.out.printf("%,d portals × %d reports, %d ms per host; sweeping …%n", list.size(), reports, delay.toMillis());
            System.gc();
            HeapSampler heap = new HeapSampler();
            long start = System.nanoTime();
            CompletableFuture.allOf(list.stream().map(crawler::sweep).toArray(CompletableFuture[]::new)).join();
            double wall = (System.nanoTime() - start) / 1e9;
            long peak = heap.stop() >> 20;

            commands.println("stats");
            String stats = expect(out, "STATS");
            long fetches = Long.parseLong(stats.replaceAll(".*requests=(\\d+).*", "$1"));
            long busiest = Long.parseLong(stats.replaceAll(".*busiest=(\\d+).*", "$1"));
            double bound = (busiest - 1) * delay.toMillis() / 1000.0;
            System.out.printf("published %,d pages (%,d MB), %,d requests; busiest host %d requests%n",
                    published.get(), bytes.get() >> 20, fetches, busiest);
            System.out.printf("wall %.1f s, politeness bound %.1f s, ratio %.2f (goal ≤ 1.2)%n", wall, bound, wall / bound);
            System.out.printf("%.0f fetches/s, crawler heap (goal < 512 MB): at most %d MB left after a collection, "
                    + "in use at most %d MB of -Xmx %d MB, collections paused it %.1f s%n", fetches / wall, heap.peakAfterGc() >> 20,
                    peak, Runtime.getRuntime().maxMemory() >> 20, heap.pauseMs() / 1000.0);
        }
    }

    private static Portal portal(String column, Duration delay) {
        String id = URI.create(column).getHost();
        return Portal.newBuilder().setId(id).setName(id).setRegion(Region.newBuilder().build())
                .setListPages(List.of(column)).setHostDelayMillis(delay.toMillis()).setAllowPrivateAddresses(true).build();
    }

    private static String expect(BufferedReader out, String prefix) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IOException("the simulator process ended before printing " + prefix);
    }
}
