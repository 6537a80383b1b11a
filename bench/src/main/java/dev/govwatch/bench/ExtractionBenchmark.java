package dev.govwatch.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.govwatch.extractor.Extraction;
import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.FetchedPage;

/**
 * What extraction costs over the HTML parse it cannot avoid: a typical ~100 KB report page (2021
 * template, real tables, running text) through {@link ReportExtractor} and through a bare
 * {@link Jsoup#parse} of the same bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Extraction reaches its steady cost only after ~10 s (C2 compiles its large methods late; on
// 12-01 its first 4 s iteration took 2.7–4.6 ms a page, the rest 1.7–2.1 ms): 4 × 2 s of warm-up
// left part of the compilation inside the measurement.
@Warmup(iterations = 10, time = 4)
@Measurement(iterations = 6, time = 2)
@Fork(1)
public class ExtractionBenchmark {

    static final String URL = "http://bench.gov.cn/202501/t20250120_1.html";

    byte[] body;
    FetchedPage page;
    ReportExtractor extractor;

    @Setup
    public void setUp() {
        // The forked JVM trusts the project's Avro classes as the services do (a page's images are records too).
        dev.govwatch.schemas.TrustedAvroClasses.install();
        body = samplePage();
        page = fetched(body);
        extractor = new ReportExtractor();
        if (!(extractor.extract(page, Instant.EPOCH) instanceof Extraction.Report)) {
            throw new IllegalStateException("the benchmark page must extract to a report");
        }
    }

    /** {@code body} as the crawler would hand it over from {@link #URL}. */
    static FetchedPage fetched(byte[] body) {
        return FetchedPage.newBuilder().setUrl(URL).setPortalId("bench").setFetchedAt(Instant.EPOCH).setHttpStatus(200)
                .setContentType("text/html").setBody(ByteBuffer.wrap(body)).setSha256("0".repeat(64)).build();
    }

    /** About 100 KB of UTF-8: the tables plus running text. */
    static byte[] samplePage() {
        return new Report2021Page(1, 34_000).html.getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public Document bareParse() throws IOException {
        return Jsoup.parse(new ByteArrayInputStream(body), null, URL);
    }

    @Benchmark
    public Extraction extract() {
        return extractor.extract(page, Instant.EPOCH);
    }
}
