package dev.govwatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.govwatch.crawler.CrawlSink;
import dev.govwatch.crawler.CrawlStateLoader;
import dev.govwatch.crawler.Crawler;
import dev.govwatch.crawler.CrawlerSettings;
import dev.govwatch.samples.NationalPortals;
import dev.govwatch.samples.StandaloneSimulator;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.CrawlState;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.PortalStatus;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.TopicProvisioner;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.EmbeddedStack;
import dev.govwatch.stack.StackConfig;

/**
 * The crawler at national size: N hosts × C report columns × R reports in the CMS variety of
 * {@link NationalPortals} (simulated in a child JVM), swept twice — the second time nothing has
 * changed, so report pages are asked conditionally — then restarted from the crawl state written to
 * a real {@code govwatch.crawl-state} topic. Prints, for each sweep, requests, wall time against the
 * politeness bound, the crawler's CPU per request and peak heap; for the second sweep the requests
 * and bytes per unchanged column; for the restart the time until the restarted crawler asks its
 * first page, and whether it asked conditionally. Since the simulator shares the machine's cores,
 * it also prints the bound the crawler's own CPU per request sets on a machine of the same cores
 * with the simulator elsewhere.
 * Usage: {@code scripts/bench-crawl national [hosts=3000] [columns=40] [reports=10] [delayMs=1000]}.
 */
public final class NationalCrawlBenchmark {

    private NationalCrawlBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int columns = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int reports = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Duration delay = Duration.ofMillis(args.length > 3 ? Long.parseLong(args[3]) : 1000);
        Path file = Files.createTempFile("govwatch-national", ".tsv");
        Process simulator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), StandaloneSimulator.class.getName(), "national",
                Integer.toString(hosts), Integer.toString(columns), Integer.toString(reports), "16", file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter commands = new PrintWriter(simulator.getOutputStream(), true, StandardCharsets.UTF_8)) {
            System.out.printf("starting %,d simulated hosts × %d columns × %d reports in a child JVM …%n", hosts, columns, reports);
            expect(out, "READY");
            List<Portal> portals = Files.readAllLines(file).stream().map(line -> portal(line, delay)).toList();
            new Run(portals, columns, delay, out, commands).all();
            commands.println("quit");
        } finally {
            simulator.destroy();
            Files.deleteIfExists(file);
        }
    }

    /** One benchmark run against a started simulator. */
    private static final class Run {
        private final List<Portal> portals;
        private final int columns;
        private final Duration delay;
        private final BufferedReader out;
        private final PrintWriter commands;
        private final AtomicLong published = new AtomicLong();
        private final AtomicLong statesWritten = new AtomicLong();
        /** Each portal's last status, for the outcome line (a sweep that failed is fast). */
        private final Map<String, PortalStatus> lastStatus = new java.util.concurrent.ConcurrentHashMap<>();

        Run(List<Portal> portals, int columns, Duration delay, BufferedReader out, PrintWriter commands) {
            this.portals = portals;
            this.columns = columns;
            this.delay = delay;
            this.out = out;
            this.commands = commands;
        }

        void all() throws Exception {
            System.out.println("starting a real broker and registry (child JVMs) for the crawl-state and portal-status topics …");
            try (ScratchDirectory dir = ScratchDirectory.create("govwatch-bench-crawl");
                 EmbeddedStack stack = EmbeddedStack.start(StackConfig.fromSystemProperties(Map.of(StackConfig.DATA_DIR,
                         dir.path().resolve("stack").toString())), true)) {
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
                    new TopicProvisioner(admin, (short) 1).ensure(List.of(Topics.CRAWL_STATE, Topics.PORTAL_STATUS));
                }
                Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
                // The crawler's output as a KafkaCrawlSink writes it, pages left out (their bytes would be the broker's work,
                // not the crawler's): URL states and portal statuses go to the real compacted topics the restart reads.
                try (KafkaProducer<String, CrawlState> states = new KafkaProducer<>(producerConfig, new StringSerializer(),
                        AvroSerdes.<CrawlState>serializer(stack.registry()));
                     KafkaProducer<String, PortalStatus> statuses = new KafkaProducer<>(producerConfig, new StringSerializer(),
                             AvroSerdes.<PortalStatus>serializer(stack.registry()))) {
                    CrawlSink writing = sink(page -> published.incrementAndGet(), state -> {
                        statesWritten.incrementAndGet();
                        states.send(new ProducerRecord<>(Topics.CRAWL_STATE.name(), state.getUrl(), state));
                    }, status -> {
                        lastStatus.put(status.getPortalId(), status);
                        statuses.send(new ProducerRecord<>(Topics.PORTAL_STATUS.name(), status.getPortalId(), status));
                    });
                    sweepTwice(writing);
                }
                restart(stack);
            }
        }

        /**
         * Both sweeps in a frame of their own: a crawler held in a local slot of {@link #all} stayed
         * reachable through the restart (the method runs interpreted, its slot never reused) and the
         * restarted crawler ran out of heap beside the old one's 1.2 M states.
         */
        private void sweepTwice(CrawlSink writing) throws Exception {
            try (Crawler crawler = new Crawler(CrawlerSettings.defaults().withDefaultDelay(delay), writing, Clock.systemUTC())) {
                sweep("first sweep", crawler);
                long before = published.get();
                sweep("second sweep (nothing changed)", crawler);
                System.out.printf("  pages published again in the second sweep: %,d%n", published.get() - before);
            }
        }

        private void sweep(String name, Crawler crawler) throws Exception {
            commands.println("reset");
            expect(out, "RESET");
            long simulatorCpu = cpuMs(stats());
            System.gc();
            HeapSampler heap = new HeapSampler();
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            AtomicLong done = new AtomicLong();
            Thread progress = progress(done, start);
            java.util.Queue<Crawler.Sweep> sweeps = new java.util.concurrent.ConcurrentLinkedQueue<>();
            CompletableFuture.allOf(portals.stream().map(p -> crawler.sweep(p).thenAccept(sw -> {
                sweeps.add(sw);
                done.incrementAndGet();
            })).toArray(CompletableFuture[]::new)).join();
            double wall = (System.nanoTime() - start) / 1e9;
            progress.interrupt();
            double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
            long peak = heap.stop() >> 20;
            // What the crawler holds once the sweep is done (every URL's state, the list pages' links): after the timing.
            long live = heapInUseAfterGc() >> 20;
            String stats = stats();
            long requests = field(stats, "requests");
            long busiest = field(stats, "busiest");
            long notModified = field(stats, "notModified");
            long bytes = field(stats, "bytes");
            double simulatorSeconds = (cpuMs(stats) - simulatorCpu) / 1000.0;
            double bound = (busiest - 1) * delay.toMillis() / 1000.0;
            int cores = Runtime.getRuntime().availableProcessors();
            double cpuPerRequest = cpuSeconds / requests;
            double alone = Math.max(bound, requests * cpuPerRequest / cores);
            System.out.printf("%s: %,d requests (%,d answered 304), %,d MB of bodies; busiest host %d requests%n",
                    name, requests, notModified, bytes >> 20, busiest);
            System.out.printf("  wall %.1f s, politeness bound %.1f s, ratio %.2f (goal ≤ 1.2); %.0f requests/s%n",
                    wall, bound, wall / bound, requests / wall);
            System.out.printf("  crawler CPU %.1f s = %.0f µs per request; simulator CPU %.1f s = %.0f µs per request%n",
                    cpuSeconds, cpuPerRequest * 1e6, simulatorSeconds, simulatorSeconds / requests * 1e6);
            System.out.printf("  crawler alone on %d cores: ≥ %.1f s of CPU time spread over the cores → ratio ≥ %.2f%n",
                    cores, requests * cpuPerRequest / cores, alone / bound);
            // A sweep that failed is fast: the figures count only if every portal was read.
            System.out.printf("  outcome: %,d list pages read, %,d report links, %,d failed, %,d blocked, %,d disallowed; portal states %s%s%n",
                    sweeps.stream().mapToLong(Crawler.Sweep::listPages).sum(), sweeps.stream().mapToLong(Crawler.Sweep::reportLinks).sum(),
                    sweeps.stream().mapToLong(Crawler.Sweep::failed).sum(), sweeps.stream().mapToLong(Crawler.Sweep::blocked).sum(),
                    sweeps.stream().mapToLong(Crawler.Sweep::disallowed).sum(),
                    new java.util.TreeMap<>(lastStatus.values().stream().collect(java.util.stream.Collectors.groupingBy(
                            st -> st.getState().toString(), java.util.stream.Collectors.counting()))),
                    lastStatus.values().stream().filter(st -> st.getDetail() != null).findFirst()
                            .map(st -> "; e.g. " + st.getPortalId() + ": " + st.getDetail()).orElse(""));
            System.out.printf("  per column: %.1f requests, %.1f KB of bodies%n",
                    requests / (double) (portals.size() * columns), bytes / 1024.0 / (portals.size() * columns));
            System.out.printf("  crawler heap (goal < 1 GB): at most %d MB left after a collection; in use at most %d MB of -Xmx %d MB; "
                    + "%d collections paused it %.1f s (%.1f %% of the sweep); %d MB live after a full GC at its end%n",
                    heap.peakAfterGc() >> 20, peak, Runtime.getRuntime().maxMemory() >> 20, heap.collections(), heap.pauseMs() / 1000.0,
                    heap.pauseMs() / 10.0 / wall, live);
        }

        /** Restarts the crawler from the crawl-state topic the sweeps wrote, and times it to its first request. */
        private void restart(EmbeddedStack stack) throws Exception {
            System.gc();
            commands.println("reset");
            expect(out, "RESET");
            {
                long start = System.nanoTime();
                Map<String, Object> client = Map.of("bootstrap.servers", stack.bootstrapServers(), "group.id", "bench-state-loader");
                AtomicLong publishedAfter = new AtomicLong();
                CrawlSink counting = sink(page -> publishedAfter.incrementAndGet(), state -> { }, status -> { });
                try (Crawler crawler = new Crawler(CrawlerSettings.defaults().withDefaultDelay(delay), counting, Clock.systemUTC())) {
                    // As CrawlSession restarts: portal statuses, then the URL states straight into the crawler.
                    List<PortalStatus> portalStatuses = CrawlStateLoader.portalStatuses(client, stack.registry(), Duration.ofMinutes(5));
                    int known = CrawlStateLoader.resume(crawler, client, stack.registry(), Duration.ofMinutes(5));
                    crawler.resumePortals(portalStatuses);
                    double loaded = (System.nanoTime() - start) / 1e9;
                    long gcStart = System.nanoTime();
                    long heapAfterLoad = heapInUseAfterGc();
                    // The benchmark's own full GC, to read the heap, is not part of the restart.
                    start += System.nanoTime() - gcStart;
                    portals.forEach(crawler::sweep);
                    long first;
                    while (field(stats(), "requests") == 0) {
                        Thread.sleep(20);
                    }
                    first = System.nanoTime();
                    System.out.printf("restart: read back %,d URL states (of %,d records written) and %,d portal statuses in %.1f s; "
                            + "first request %.1f s after the restart began (goal < 60 s)%n",
                            known, statesWritten.get(), portalStatuses.size(), loaded, (first - start) / 1e9);
                    System.out.printf("  crawler heap in use after loading them, after a full GC: %d MB%n", heapAfterLoad >> 20);
                    Thread.sleep(30_000);
                    String stats = stats();
                    System.out.printf("  in the first 30 s after that: %,d requests, %,d answered 304, %,d pages published again "
                            + "(0 when every report's state was restored)%n", field(stats, "requests"), field(stats, "notModified"),
                            publishedAfter.get());
                }
            }
        }

        private String stats() throws IOException {
            commands.println("stats");
            return expect(out, "STATS");
        }
    }

    private static CrawlSink sink(java.util.function.Consumer<FetchedPage> pages, java.util.function.Consumer<CrawlState> states,
                                  java.util.function.Consumer<PortalStatus> statuses) {
        return new CrawlSink() {
            @Override
            public void page(FetchedPage page) {
                pages.accept(page);
            }

            @Override
            public void state(CrawlState state) {
                states.accept(state);
            }

            @Override
            public void portalStatus(PortalStatus status) {
                statuses.accept(status);
            }
        };
    }

    private static Thread progress(AtomicLong done, long start) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(60_000);
                    System.out.printf("  … %,d portals swept after %.0f s%n", done.get(), (System.nanoTime() - start) / 1e9);
                }
            } catch (InterruptedException e) {
                // the sweep ended
            }
        }, "progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static long heapInUseAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long cpuMs(String stats) {
        return field(stats, "cpuMs");
    }

    private static long field(String stats, String name) {
        return Arrays.stream(stats.split(" ")).filter(f -> f.startsWith(name + "=")).findFirst()
                .map(f -> Long.parseLong(f.substring(name.length() + 1))).orElseThrow();
    }

    private static Portal portal(String line, Duration delay) {
        List<String> columns = List.of(line.split("\t"));
        String id = URI.create(columns.get(0)).getHost();
        return Portal.newBuilder().setId(id).setName(id).setRegion(Region.newBuilder().build())
                .setListPages(columns).setHostDelayMillis(delay.toMillis()).setAllowPrivateAddresses(true).build();
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
