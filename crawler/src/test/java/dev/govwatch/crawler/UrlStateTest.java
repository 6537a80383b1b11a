package dev.govwatch.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.govwatch.schemas.CrawlState;
import dev.govwatch.schemas.UrlStatus;

/** The compact in-memory state gives back the crawl state it was made from, field for field. */
class UrlStateTest {

    private static final String URL = "http://www.example.gov.cn/zfxxgk/zfxxgknb/202501/t20250120_1.html";

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        CrawlState full = CrawlState.newBuilder().setUrl(URL).setPortalId("p1").setStatus(UrlStatus.FETCHED)
                .setEtag("\"5f2a-61c\"").setLastModified("Mon, 20 Jan 2025 01:30:00 GMT")
                .setSha256("00ff3a9c0000000000000000000000010123456789abcdef0fedcba987654321")
                .setLastFetchedAt(Instant.ofEpochMilli(1_737_336_600_123L)).setNextFetchAt(Instant.ofEpochMilli(1_737_423_000_456L))
                .setFailureCount(3).setLastError("HTTP 503").build();
        CrawlState sparse = CrawlState.newBuilder().setUrl(URL).setPortalId("p2").setStatus(UrlStatus.GONE).build();

        assertThat(UrlState.of(full, URL, "p1").toCrawlState()).isEqualTo(full);
        assertThat(UrlState.of(sparse, URL, "p2").toCrawlState()).isEqualTo(sparse);
    }

    @Test
    void anEtagGoesBackToTheServerAsSentWhateverItsCharacters() {
        // Latin-1 from a header as HttpCore decodes it, and anything an Avro string restored from the topic can hold.
        for (String etag : new String[] {"W/\"é-ÿ\"", "\"年报-2025\"", "", "\"𠀀\""}) {
            CrawlState state = CrawlState.newBuilder().setUrl(URL).setPortalId("p1").setStatus(UrlStatus.FETCHED).setEtag(etag).build();

            assertThat(UrlState.of(state, URL, "p1").toCrawlState().getEtag()).isEqualTo(etag);
        }
    }

    @Test
    void aDigestThisCrawlerNeverWritesIsKeptAsNone() {
        CrawlState odd = CrawlState.newBuilder().setUrl(URL).setPortalId("p1").setStatus(UrlStatus.FETCHED).setSha256("not-a-digest").build();

        assertThat(UrlState.of(odd, URL, "p1").toCrawlState().getSha256()).isNull();
    }

    @Test
    void aLastModifiedThatWouldNotPrintBackIsKeptAsSent() {
        // Validators go back to the server byte for byte: an RFC 850 date, a one-digit day or a bare
        // string must not come back as the IMF-fixdate they mean.
        for (String sent : new String[] {"Monday, 20-Jan-25 01:30:00 GMT", "Mon, 20 Jan 2025 1:30:00 GMT",
                "Tue, 20 Jan 2025 01:30:00 GMT", "mon, 20 Jan 2025 01:30:00 GMT", "yesterday"}) {
            CrawlState state = CrawlState.newBuilder().setUrl(URL).setPortalId("p1").setStatus(UrlStatus.FETCHED)
                    .setLastModified(sent).build();

            assertThat(UrlState.of(state, URL, "p1").toCrawlState().getLastModified()).isEqualTo(sent);
        }
    }

    @Test
    void theUrlIsTheInstanceTheCrawlerKeysItsMapWith() {
        String key = new String(URL);
        CrawlState state = CrawlState.newBuilder().setUrl(URL).setPortalId("p1").setStatus(UrlStatus.FETCHED).build();

        assertThat(UrlState.of(state, key, "p1").url()).isSameAs(key);
    }
}
