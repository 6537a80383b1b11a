package dev.govwatch.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link ExtractionBenchmark} and prints the cost of extraction relative to the bare parse, for each page. */
public final class ExtractionBenchmarkMain {

    private ExtractionBenchmarkMain() {
    }

    /**
     * Runs the benchmark for the pages named in {@code args} ({@link BenchmarkPage}; all three when none)
     * and prints, page by page, extraction against the bare parse.
     */
    public static void main(String[] args) throws RunnerException {
        String[] shapes = args.length > 0 ? args : java.util.Arrays.stream(BenchmarkPage.values()).map(Enum::name).toArray(String[]::new);
        for (String shape : shapes) {
            try {
                BenchmarkPage.valueOf(shape); // an unknown name stops here, before minutes of benchmarking
            } catch (IllegalArgumentException e) {
                System.err.println("unknown page '" + shape + "'; usage: scripts/bench-extraction [TABLE|WORD|FLAT ...]");
                System.exit(2);
            }
        }
        Options options = new OptionsBuilder().include(ExtractionBenchmark.class.getName()).param("shape", shapes).build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> byShape = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            double[] scores = byShape.computeIfAbsent(result.getParams().getParam("shape"), s -> new double[] {Double.NaN, Double.NaN});
            scores[name.endsWith("bareParse") ? 0 : 1] = result.getPrimaryResult().getScore();
        }
        for (String shape : shapes) {
            double[] scores = byShape.get(shape);
            System.out.printf("%-5s page, %,d bytes: bare Jsoup.parse %.1f us/page, full extraction %.1f us/page (%.0f pages/s), "
                    + "ratio %.2f (goal: at most 1.5)%n", shape, BenchmarkPage.valueOf(shape).rendered().body().length,
                    scores[0], scores[1], 1e6 / scores[1], scores[1] / scores[0]);
        }
    }
}
