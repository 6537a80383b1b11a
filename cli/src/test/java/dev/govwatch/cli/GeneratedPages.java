package dev.govwatch.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Topics;

/**
 * Publishes the fault tests' pages: report pages of distinct agencies whose 表二 review total is off
 * by five, so that each page yields exactly one report and exactly one INCONSISTENT alert and the
 * tests can count both.
 */
final class GeneratedPages {

    private final Report2021Page[] templates = new Report2021Page[10];
    private final String host;
    private final String agencyPrefix;

    /** Pages under {@code http://host/}, agencies named {@code agencyPrefix + "第" + i + "局"}. */
    GeneratedPages(String host, String agencyPrefix) {
        this.host = host;
        this.agencyPrefix = agencyPrefix;
    }

    /** Sends pages {@code from} (inclusive) to {@code to} (exclusive) to the pages topic. */
    void publish(Producer<String, FetchedPage> producer, int from, int to) {
        publish(producer, from, to, 5);
    }

    /** Sends new versions of those pages with the total put right: each one resolves its alert. */
    void publishCorrected(Producer<String, FetchedPage> producer, int from, int to) {
        publish(producer, from, to, 0);
    }

    private void publish(Producer<String, FetchedPage> producer, int from, int to, int off) {
        for (int i = from; i < to; i++) {
            Report2021Page page = templates[i % 10] != null ? templates[i % 10] : (templates[i % 10] = new Report2021Page(i % 10));
            String url = "http://" + host + "/" + i + ".html";
            String html = page.as(agencyPrefix + "第" + i + "局", 2025, "2026-01-15");
            html = off == 0 ? html : page.withReviewTotalOffBy(html, off);
            producer.send(new ProducerRecord<>(Topics.PAGES.name(), url, FetchedPage.newBuilder().setUrl(url).setPortalId(host.split("/")[0])
                    .setFetchedAt(Instant.now()).setHttpStatus(200).setContentType("text/html; charset=UTF-8").setCharset("UTF-8")
                    .setBody(ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8))).setSha256(url + "#" + off).build()));
        }
        producer.flush();
    }
}
