package dev.govwatch.validator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Assumptions;

import dev.govwatch.extractor.Extraction;
import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Cell;
import dev.govwatch.schemas.CellKind;
import dev.govwatch.schemas.FetchedPage;

/** Reports for validator tests, read by the real extractor from generated pages and the seeds. */
final class TestReports {

    private TestReports() {
    }

    /** A consistent 2021-template county report for 2024 (figures drawn with {@code seed}). */
    static AnnualReport clean2024(int seed) {
        return extract(new Report2021Page(seed).html.getBytes(StandardCharsets.UTF_8), "text/html",
                "http://test.gov.cn/2024-" + seed + ".html");
    }

    /** A consistent 2021-template report for 2024 by {@code agency}, published on time. */
    static AnnualReport clean2024(String agency, int seed) {
        return extract(new Report2021Page(seed).as(agency, 2024, "2025-01-20").getBytes(StandardCharsets.UTF_8), "text/html",
                "http://test.gov.cn/2024-" + seed + "-" + agency + ".html");
    }

    static AnnualReport seed(String prefix) {
        Path dir = Path.of(System.getProperty("govwatch.shared.dir", "../../shared")).resolve("seeds");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no seeds at " + dir);
        try (var files = Files.list(dir)) {
            Path seed = files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
            return extract(Files.readAllBytes(seed), "text/plain", "http://seed.gov.cn/" + prefix);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static AnnualReport extract(byte[] body, String contentType, String url) {
        FetchedPage page = FetchedPage.newBuilder().setUrl(url).setPortalId("test").setFetchedAt(Instant.EPOCH)
                .setHttpStatus(200).setContentType(contentType).setBody(ByteBuffer.wrap(body))
                .setSha256(Integer.toHexString(java.util.Arrays.hashCode(body))).build();
        Extraction extraction = new ReportExtractor().extract(page, Instant.EPOCH);
        if (!(extraction instanceof Extraction.Report report)) {
            throw new IllegalStateException("fixture did not extract: " + extraction);
        }
        return report.report();
    }

    /** A copy of the report with one cell changed (and a new page hash: a new version). */
    static AnnualReport withCell(AnnualReport report, String table, String row, String column, double value) {
        AnnualReport copy = AnnualReport.newBuilder(report).build();
        boolean found = false;
        for (var t : copy.getTables()) {
            if (!t.getId().equals(table)) {
                continue;
            }
            for (var r : t.getRows()) {
                if (!r.getKey().equals(row)) {
                    continue;
                }
                for (Cell c : r.getCells()) {
                    if (c.getColumn().equals(column)) {
                        c.setKind(CellKind.NUMBER);
                        c.setValue(value);
                        c.setRaw(ReportFacts.show(value));
                        found = true;
                    }
                }
            }
        }
        if (!found) {
            throw new IllegalArgumentException(table + "/" + row + "/" + column + " not in the report");
        }
        copy.setPageSha256(copy.getPageSha256() + "-" + table + row + column + value);
        return copy;
    }

    static AnnualReport withYear(AnnualReport report, int year) {
        AnnualReport copy = AnnualReport.newBuilder(report).build();
        copy.setReportYear(year);
        copy.setReportKey(copy.getReportKey().replaceFirst("\\|\\d{4}$", "|" + year));
        copy.setTitle(copy.getTitle() == null ? null : copy.getTitle().replaceFirst("\\d{4}", Integer.toString(year)));
        copy.setPeriodStart(copy.getPeriodStart() == null ? null : copy.getPeriodStart().withYear(year));
        copy.setPeriodEnd(copy.getPeriodEnd() == null ? null : copy.getPeriodEnd().withYear(year));
        copy.setPublicationDate(copy.getPublicationDate() == null ? null : copy.getPublicationDate().withYear(year + 1));
        copy.setPageSha256(copy.getPageSha256() + "-" + year);
        return copy;
    }
}
