package dev.govwatch.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import dev.govwatch.extractor.Extraction;
import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.extractor.internal.ocr.Tesseract;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.samples.ScannedReport;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.PageImage;

/**
 * What OCR costs: generated reports scanned into image-only PDFs (3 A4 pages at 300 dpi) and pages
 * whose table 三 is a pasted picture, each extracted end to end by the real extractor; beside them
 * the same report's HTML page, which needs no OCR. Prints seconds per scanned page (median, min,
 * max) and milliseconds per page for the others.
 *
 * <pre>scripts/bench-ocr [reports=5]</pre>
 */
public final class OcrBenchmark {

    private OcrBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reports = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        if (Tesseract.find().isEmpty()) {
            System.err.println("bench-ocr: " + Tesseract.missing());
            System.exit(2);
        }
        if (!ScannedReport.canDraw()) {
            System.err.println("bench-ocr: no font with Chinese glyphs to draw the reports (scripts/install-ocr installs one)");
            System.exit(2);
        }
        ReportExtractor extractor = new ReportExtractor();
        List<Double> scannedPerPage = new ArrayList<>();
        List<Double> pasted = new ArrayList<>();
        List<Double> html = new ArrayList<>();
        for (int i = 0; i < reports; i++) {
            Report2021Page figures = new Report2021Page(1000 + i);
            byte[] pdf = ScannedReport.pdf(figures, 0.6, i);
            long t0 = System.nanoTime();
            Extraction scanned = extractor.extract(page("http://bench.gov.cn/s" + i + ".pdf", "application/pdf", pdf, List.of()),
                    Instant.EPOCH);
            double seconds = (System.nanoTime() - t0) / 1e9;
            scannedPerPage.add(seconds / 3);
            check(scanned);

            ScannedReport.PastedTable table = ScannedReport.pastedTable3(figures, 0.6);
            String url = "http://bench.gov.cn/p" + i + ".html";
            PageImage image = PageImage.newBuilder().setUrl("http://bench.gov.cn/" + table.imageSrc()).setContentType("image/png")
                    .setBody(ByteBuffer.wrap(table.png())).setSha256("i" + i).build();
            t0 = System.nanoTime();
            check(extractor.extract(page(url, "text/html; charset=UTF-8", table.html().getBytes(StandardCharsets.UTF_8),
                    List.of(image)), Instant.EPOCH));
            pasted.add((System.nanoTime() - t0) / 1e6);

            t0 = System.nanoTime();
            check(extractor.extract(page(url, "text/html; charset=UTF-8", figures.html.getBytes(StandardCharsets.UTF_8), List.of()),
                    Instant.EPOCH));
            html.add((System.nanoTime() - t0) / 1e6);
            System.out.printf(Locale.ROOT, "report %d/%d: scanned PDF %.1f s (3 pages), pasted table %.0f ms%n", i + 1, reports,
                    seconds, pasted.get(i));
        }
        System.out.printf(Locale.ROOT, "scanned PDF page (300 dpi A4, OCR): median %.2f s, min %.2f s, max %.2f s over %d pages%n",
                median(scannedPerPage), Collections.min(scannedPerPage), Collections.max(scannedPerPage), 3 * reports);
        System.out.printf(Locale.ROOT, "HTML page with table 三 pasted as a picture (OCR of one image): median %.0f ms%n", median(pasted));
        System.out.printf(Locale.ROOT, "the same report as an HTML page (no OCR, first runs unwarmed): median %.1f ms%n", median(html));
    }

    private static void check(Extraction extraction) {
        if (!(extraction instanceof Extraction.Report)) {
            throw new IllegalStateException("not extracted: " + extraction);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static FetchedPage page(String url, String contentType, byte[] body, List<PageImage> images) {
        return FetchedPage.newBuilder().setUrl(url).setPortalId("bench").setFetchedAt(Instant.EPOCH).setHttpStatus(200)
                .setContentType(contentType).setBody(ByteBuffer.wrap(body)).setSha256(Integer.toHexString(body.length))
                .setImages(images).build();
    }
}
