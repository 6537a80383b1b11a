package dev.govwatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.govwatch.samples.StandaloneSimulator;

/**
 * The memory of {@code ./govwatch run} (embedded broker and registry, in-process extractor,
 * validator and crawler) watching N simulated portals through their first sweep and the extraction
 * and validation of every report found. Samples once a second: the run JVM's heap in use (from its
 * own /metrics) and the resident set of the run JVM, the broker and the registry (from /proc).
 * Usage: {@code scripts/bench-run-memory [portals=3000] [reportsPerPortal=10] [heap=1g]}.
 */
public final class RunMemoryBenchmark {

    private RunMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int portals = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int reports = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String heap = args.length > 2 ? args[2] : "1g";
        try (ScratchDirectory scratch = ScratchDirectory.create("govwatch-run-memory")) {
            measure(scratch.path(), portals, reports, heap);
        }
    }

    private static void measure(Path work, int portals, int reports, String heap) throws Exception {
        Path columns = work.resolve("columns.txt");
        Process simulator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), StandaloneSimulator.class.getName(),
                Integer.toString(portals), Integer.toString(reports), "8", columns.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Process run = null;
        try (BufferedReader simOut = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter simIn = new PrintWriter(simulator.getOutputStream(), true, StandardCharsets.UTF_8)) {
            System.out.printf("starting %,d simulated portals (%d reports each) in a child JVM …%n", portals, reports);
            for (String line; (line = simOut.readLine()) != null && !line.equals("READY"); ) {
                // the simulator prints nothing else before READY
            }
            Path portalFile = work.resolve("portals.yml");
            writePortalFile(Files.readAllLines(columns), portalFile);
            int metricsPort = freePort();
            ProcessBuilder builder = new ProcessBuilder("./govwatch", "run", "--portals", portalFile.toString(),
                    "--data-dir", work.resolve("data").toString(), "--http-port", Integer.toString(freePort()),
                    "--metrics-port", Integer.toString(metricsPort), "--min-delay-ms", "1000")
                    .redirectErrorStream(true);
            builder.environment().put("GOVWATCH_JAVA_OPTS", "-Xmx" + heap);
            long started = System.nanoTime();
            run = builder.start();
            AtomicInteger swept = new AtomicInteger();
            AtomicInteger alerts = new AtomicInteger();
            Process running = run;
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.contains("swept ")) {
                            swept.incrementAndGet();
                        } else if (line.contains(" ALERT ")) {
                            alerts.incrementAndGet();
                        } else if (line.contains("ERROR") || line.contains("Exception") || line.startsWith("govwatch:")) {
                            System.out.println("  run: " + line);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "run-output");
            reader.setDaemon(true);
            reader.start();

            Sampler sampler = new Sampler(run.toHandle(), metricsPort);
            long lastValidated = -1;
            long quietSince = System.nanoTime();
            long pages = (long) portals * reports;
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            int tick = 0;
            while (run.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                sampler.sample();
                if (sampler.validated != lastValidated) {
                    lastValidated = sampler.validated;
                    quietSince = System.nanoTime();
                }
                if (++tick % 15 == 0) {
                    System.out.printf("%4d s: %,d of %,d portals swept, %,d of %,d pages extracted, %,d alert lines; heap used %s, "
                                    + "RSS run %s broker %s registry %s%n",
                            Duration.ofNanos(System.nanoTime() - started).toSeconds(), swept.get(), portals, sampler.extracted, pages,
                            alerts.get(),
                            mb(sampler.lastHeap), mb(sampler.last.get("run")), mb(sampler.last.get("broker")), mb(sampler.last.get("registry")));
                }
                if (swept.get() >= portals && sampler.extracted >= pages
                        && Duration.ofNanos(System.nanoTime() - quietSince).toSeconds() >= 30) {
                    break;
                }
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            System.out.printf("%n%,d portals × %d reports, run -Xmx%s, %d s (until every portal was swept, every page extracted and the validator idle for 30 s)%n",
                    portals, reports, heap, seconds);
            System.out.printf("portals swept: %,d; pages extracted: %,d; validator records processed: %,d; alert lines printed: %,d; "
                    + "run still alive: %s%n", swept.get(), sampler.extracted, sampler.validated, alerts.get(), run.isAlive());
            System.out.printf("run JVM heap in use: peak %s, last %s (from its /metrics, sampled every second)%n",
                    mb(sampler.peakHeap), mb(sampler.lastHeap));
            System.out.printf("run JVM live heap after collection (jvm_gc_live_data_size): peak %s%n", mb(sampler.peakLive));
            for (String name : List.of("run", "broker", "registry")) {
                System.out.printf("resident set %-8s peak %s%n", name, mb(sampler.peak.get(name)));
            }
            System.out.printf("resident set, all three: peak %s%n", mb(sampler.peakTotal));
            simIn.println("quit");
        } finally {
            if (run != null) {
                run.destroy();
                if (!run.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
                    run.descendants().forEach(ProcessHandle::destroyForcibly);
                    run.destroyForcibly();
                }
            }
            simulator.destroy();
        }
    }

    private static void writePortalFile(List<String> columnUrls, Path file) throws IOException {
        StringBuilder yaml = new StringBuilder("portals:\n");
        for (int i = 0; i < columnUrls.size(); i++) {
            yaml.append("  - id: p").append(i).append('\n')
                    .append("    name: 模拟县").append(i).append("人民政府\n")
                    .append("    region: {province: 模拟省, prefecture: 模拟市, county: 模拟县").append(i).append("}\n")
                    .append("    listPages: [").append(columnUrls.get(i)).append("]\n")
                    .append("    hostDelayMillis: 1000\n")
                    .append("    allowPrivateAddresses: true\n");
        }
        Files.writeString(file, yaml.toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String mb(Long bytes) {
        return bytes == null ? "n/a" : String.format("%,d MB", bytes / (1024 * 1024));
    }

    /** Heap in use from the run JVM's /metrics; resident sets from /proc of it and its two stack children. */
    private static final class Sampler {
        private final ProcessHandle run;
        private final HttpClient http = HttpClient.newHttpClient();
        private final HttpRequest metrics;
        final Map<String, Long> last = new TreeMap<>();
        final Map<String, Long> peak = new TreeMap<>();
        Long lastHeap;
        Long peakHeap;
        /** Records the extractor's and the validator's stream threads have processed. */
        long extracted;
        long validated;
        long peakLive;
        Long peakTotal;

        Sampler(ProcessHandle run, int metricsPort) {
            this.run = run;
            this.metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build();
        }

        void sample() {
            try {
                String text = http.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
                long heap = 0;
                long extracted = 0;
                long validated = 0;
                for (String line : text.split("\n")) {
                    double value = line.startsWith("#") || line.isBlank() ? 0 : Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                        heap += (long) value;
                    } else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                        // What the old generation held right after the last collection: the live set, not garbage.
                        peakLive = Math.max(peakLive, (long) value);
                    } else if (line.startsWith("kafka_stream_thread_process_total{") && line.contains("thread_id=\"govwatch-extractor")) {
                        extracted += (long) value;
                    } else if (line.startsWith("kafka_stream_thread_process_total{") && line.contains("thread_id=\"govwatch-validator")) {
                        validated += (long) value;
                    }
                }
                this.extracted = extracted;
                this.validated = validated;
                lastHeap = heap;
                peakHeap = peakHeap == null ? heap : Math.max(peakHeap, heap);
            } catch (IOException | InterruptedException | RuntimeException e) {
                // not serving yet
            }
            List<ProcessHandle> children = new ArrayList<>(run.descendants().toList());
            long total = 0;
            total += record("run", rss(run.pid()));
            for (ProcessHandle child : children) {
                String command = child.info().commandLine().orElse("");
                if (command.contains("quarkus-run.jar")) {
                    total += record("registry", rss(child.pid()));
                } else if (command.contains("kafka")) {
                    total += record("broker", rss(child.pid()));
                }
            }
            peakTotal = peakTotal == null ? total : Math.max(peakTotal, total);
        }

        private long record(String name, long bytes) {
            last.put(name, bytes);
            peak.merge(name, bytes, Math::max);
            return bytes;
        }

        private static long rss(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // gone
            }
            return 0;
        }
    }
}
