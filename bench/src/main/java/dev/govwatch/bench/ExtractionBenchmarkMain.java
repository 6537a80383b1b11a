package dev.govwatch.bench;

import java.util.Collection;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link ExtractionBenchmark} and prints the cost of extraction relative to the bare parse. */
public final class ExtractionBenchmarkMain {

    private ExtractionBenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException {
        System.out.printf("page size: %,d bytes%n", ExtractionBenchmark.samplePage().length);
        Options options = new OptionsBuilder().include(ExtractionBenchmark.class.getName()).build();
        Collection<RunResult> results = new Runner(options).run();
        double parse = Double.NaN;
        double extract = Double.NaN;
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            double score = result.getPrimaryResult().getScore();
            if (name.endsWith("bareParse")) {
                parse = score;
            } else if (name.endsWith("extract")) {
                extract = score;
            }
        }
        System.out.printf("bare Jsoup.parse: %.1f us/page (%.0f pages/s)%n", parse, 1e6 / parse);
        System.out.printf("full extraction:  %.1f us/page (%.0f pages/s)%n", extract, 1e6 / extract);
        System.out.printf("ratio extraction / bare parse: %.2f (goal: at most 1.5)%n", extract / parse);
    }
}
