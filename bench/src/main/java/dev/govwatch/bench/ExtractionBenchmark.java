package dev.govwatch.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.govwatch.extractor.Extraction;
import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.samples.Renderings;
import dev.govwatch.schemas.FetchedPage;

/**
 * What extraction costs over the HTML parse it cannot avoid: a typical ~100 KB report page (2021
 * template, running text) in each {@link BenchmarkPage} form through {@link ReportExtractor} and
 * through a bare {@link Jsoup#parse} of the same bytes.
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

    /** Which form of the report: the clean tables, Word-pasted tables, flattened text. */
    @Param({"TABLE", "WORD", "FLAT"})
    public BenchmarkPage shape;

    byte[] body;
    FetchedPage page;
    ReportExtractor extractor;

    @Setup
    public void setUp() {
        // The forked JVM trusts the project's Avro classes as the services do (a page's images are records too).
        dev.govwatch.schemas.TrustedAvroClasses.install();
        Renderings.Rendered rendered = shape.rendered();
        body = rendered.body();
        page = fetched(body, rendered.contentType());
        extractor = new ReportExtractor();
        // Timing a page whose tables were not read would time less work than a report takes. (The
        // flattened page's 表二 row "行政规范性文件12387", 12, 3 and 87 run together, cannot be split: 3 cells
        // named as unread, by design.)
        if (!(extractor.extract(page, Instant.EPOCH) instanceof Extraction.Report report)
                || report.report().getTables().stream().noneMatch(t -> t.getId().equals("T3"))) {
            throw new IllegalStateException("the " + shape + " page must extract to a report with table 三 read");
        }
    }

    /** {@code body} as the crawler would hand it over from {@link #URL}. */
    static FetchedPage fetched(byte[] body, String contentType) {
        return FetchedPage.newBuilder().setUrl(URL).setPortalId("bench").setFetchedAt(Instant.EPOCH).setHttpStatus(200)
                .setContentType(contentType).setBody(ByteBuffer.wrap(body)).setSha256("0".repeat(64)).build();
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
