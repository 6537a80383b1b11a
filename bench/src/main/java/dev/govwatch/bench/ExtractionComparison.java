package dev.govwatch.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jsoup.Jsoup;

import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.samples.Renderings;
import dev.govwatch.schemas.FetchedPage;

/**
 * Two builds of the extractor timed in one JVM, in turns, on the page {@link ExtractionBenchmark}
 * uses, with a bare {@code Jsoup.parse} after each pair: on this shared two-core machine the same
 * code measured 2,173–3,488 µs a page across JMH runs of one day, so runs of two trees a few minutes
 * apart could not tell a 10 % change from the machine's mood; rounds taken side by side can.
 *
 * <p>Each build is loaded with the rest of the classpath by a class loader of its own (the platform
 * loader its parent), so that neither sees the other's classes. One JVM is not enough: two copies of
 * the same jar compared in one JVM measured 0.89 in one run and 1.00 in the next (each build's large
 * methods are compiled once, and how well differs from JVM to JVM), so the comparison runs in
 * several fresh JVMs ({@code forks}) and reports the median over them of each JVM's median
 * new/base. Usage: {@code base-extractor.jar [seconds-per-turn] [rounds] [forks] [page]} (page: a
 * {@link BenchmarkPage}, TABLE by default); the other build is the one on this JVM's class path.
 */
public final class ExtractionComparison {

    private ExtractionComparison() {
    }

    /** Runs in each build's class loader: extraction and the bare parse of one page for a while. */
    public static final class Turn {
        private static FetchedPage page;
        private static byte[] body;
        private static ReportExtractor extractor;
        private static Object sink;

        private Turn() {
        }

        public static void load(byte[] pageBody, String contentType) {
            dev.govwatch.schemas.TrustedAvroClasses.install();
            body = pageBody;
            page = ExtractionBenchmark.fetched(pageBody, contentType);
            extractor = new ReportExtractor();
        }

        /** µs a page over {@code millis} of extraction. */
        public static double extract(long millis) {
            long end = System.nanoTime() + millis * 1_000_000L;
            long start = System.nanoTime();
            long pages = 0;
            while (System.nanoTime() < end) {
                sink = extractor.extract(page, Instant.EPOCH);
                pages++;
            }
            return (System.nanoTime() - start) / 1e3 / pages;
        }

        /** µs a page over {@code millis} of bare parsing. */
        public static double parse(long millis) throws IOException {
            long end = System.nanoTime() + millis * 1_000_000L;
            long start = System.nanoTime();
            long pages = 0;
            while (System.nanoTime() < end) {
                sink = Jsoup.parse(new ByteArrayInputStream(body), null, ExtractionBenchmark.URL);
                pages++;
            }
            return (System.nanoTime() - start) / 1e3 / pages;
        }
    }

    /** What a forked JVM prints last: its medians, for the parent to gather. */
    private static final String RESULT = "fork-result";

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: ExtractionComparison BASE_EXTRACTOR_JAR [SECONDS_PER_TURN] [ROUNDS] [FORKS] [TABLE|WORD|FLAT]");
            System.exit(2);
        }
        int forks = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        if (forks > 0) {
            compareInForks(args, forks);
        } else {
            compareHere(args);
        }
    }

    /** Runs {@link #compareHere} in {@code forks} fresh JVMs one after another and sums them up. */
    private static void compareInForks(String[] args, int forks) throws IOException, InterruptedException {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double[][] results = new double[4][forks];
        for (int fork = 0; fork < forks; fork++) {
            List<String> command = new ArrayList<>(List.of(javaBinary, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                    ExtractionComparison.class.getName()));
            command.addAll(List.of(args[0], args.length > 1 ? args[1] : "3", args.length > 2 ? args[2] : "10", "0",
                    args.length > 4 ? args[4] : BenchmarkPage.TABLE.name()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String result = null;
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(RESULT)) {
                        result = line;
                    } else {
                        System.out.println("fork " + (fork + 1) + ": " + line);
                    }
                }
            }
            if (process.waitFor() != 0 || result == null) {
                throw new IllegalStateException("fork " + (fork + 1) + " failed (exit " + process.exitValue() + ")");
            }
            String[] values = result.split(" ");
            for (int k = 0; k < 4; k++) {
                results[k][fork] = Double.parseDouble(values[k + 1]);
            }
        }
        System.out.printf("each fork's median new/base: %s%n", Arrays.toString(Arrays.stream(results[3])
                .mapToObj(r -> String.format("%.3f", r)).toArray()));
        System.out.printf("over %d forks (medians): base %.1f µs, new %.1f µs, bare parse %.1f µs; new/base %.3f%n", forks,
                median(results[0]), median(results[1]), median(results[2]), median(results[3]));
        System.out.printf("ratio to the bare parse: base %.2f, new %.2f (goal: at most 1.5)%n",
                median(results[0]) / median(results[2]), median(results[1]) / median(results[2]));
    }

    /** One comparison in this JVM. */
    private static void compareHere(String[] args) throws Exception {
        long millis = (args.length > 1 ? Long.parseLong(args[1]) : 3) * 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        List<URL> shared = new ArrayList<>();
        URL current = null;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            URL url = Path.of(entry).toUri().toURL();
            if (Path.of(entry).getFileName().toString().startsWith("govwatch-extractor")
                    || entry.replace('\\', '/').endsWith("extractor/target/classes")) {
                current = url;
            } else {
                shared.add(url);
            }
        }
        if (current == null) {
            throw new IllegalStateException("no extractor on the class path: " + System.getProperty("java.class.path"));
        }
        BenchmarkPage shape = args.length > 4 ? BenchmarkPage.valueOf(args[4]) : BenchmarkPage.TABLE;
        Renderings.Rendered page = shape.rendered();
        Method[] extract = {turn(Path.of(args[0]).toUri().toURL(), shared, page, "extract"), turn(current, shared, page, "extract")};
        Method parse = turn(current, shared, page, "parse");
        System.out.printf("page: %s, %,d bytes; %d rounds of %d s a build%n", shape, page.body().length, rounds, millis / 1000);
        // Both builds compiled by C2 before the first round (extraction's large methods take ~10 s).
        extract[0].invoke(null, 15_000L);
        extract[1].invoke(null, 15_000L);
        parse.invoke(null, 5_000L);
        double[][] micros = new double[3][rounds];
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            // who goes first alternates, so that neither build always runs on a hotter or colder machine
            for (int k = 0; k < 2; k++) {
                int build = (round + k) % 2;
                micros[build][round] = (double) extract[build].invoke(null, millis);
            }
            micros[2][round] = (double) parse.invoke(null, millis);
            ratios[round] = micros[1][round] / micros[0][round];
            System.out.printf("round %2d: base %8.1f µs   new %8.1f µs   bare parse %7.1f µs   new/base %.3f%n", round,
                    micros[0][round], micros[1][round], micros[2][round], ratios[round]);
        }
        double base = median(micros[0]);
        double fresh = median(micros[1]);
        double bare = median(micros[2]);
        System.out.printf("median: base %.1f µs, new %.1f µs, bare parse %.1f µs; median of the rounds' new/base %.3f%n", base, fresh,
                bare, median(ratios));
        // read back by the parent with Double.parseDouble: a locale that writes decimal commas would break it
        System.out.printf(java.util.Locale.ROOT, "%s %.3f %.3f %.3f %.5f%n", RESULT, base, fresh, bare, median(ratios));
    }

    private static Method turn(URL extractor, List<URL> shared, Renderings.Rendered page, String method) throws ReflectiveOperationException,
            MalformedURLException {
        List<URL> urls = new ArrayList<>();
        urls.add(extractor);
        urls.addAll(shared);
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Class<?> turn = loader.loadClass(Turn.class.getName());
        turn.getMethod("load", byte[].class, String.class).invoke(null, page.body(), page.contentType());
        return turn.getMethod(method, long.class);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
