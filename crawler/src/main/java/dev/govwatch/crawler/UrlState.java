package dev.govwatch.crawler;

import java.time.Instant;

import dev.govwatch.schemas.CrawlState;
import dev.govwatch.schemas.UrlStatus;

/**
 * What the crawler keeps in memory of one URL between sweeps: a {@link CrawlState} in about half
 * its bytes. A national crawl holds a million or more of these; as Avro records (two {@code Instant}s,
 * the SHA-256 as 64 hex characters, a portal id per record) they came to ~670 bytes each and a
 * 1 GB heap spent its time collecting garbage. Here the times are longs, the digest four longs,
 * {@code Last-Modified} a long where it prints back exactly ({@link HttpDate}), the portal id the
 * portal's own string, and the URL the very string that keys the crawler's map of states, so that
 * links found again on list pages can share it ({@link #url()}). The ETag is kept as its UTF-8 bytes:
 * a String around a 10-byte ETag cost 24 bytes more, 34 MB over a national crawl's 1.4 M validators.
 */
final class UrlState {

    private static final long NONE = Long.MIN_VALUE;

    private final String url;
    private final String portalId;
    private final UrlStatus status;
    private final byte[] etag;
    /** Last-Modified as epoch seconds, or {@link HttpDate#NONE} with the text in {@link #lastModifiedText}. */
    private final long lastModified;
    private final String lastModifiedText;
    private final String lastError;
    private final long lastFetchedAt;
    private final long nextFetchAt;
    private final int failureCount;
    private final boolean hasSha;
    private final long sha0;
    private final long sha1;
    private final long sha2;
    private final long sha3;

    private UrlState(CrawlState s, String url, String portalId) {
        this.url = url;
        this.portalId = portalId;
        this.status = s.getStatus();
        this.etag = etagBytes(s.getEtag());
        this.lastModified = HttpDate.seconds(s.getLastModified());
        this.lastModifiedText = lastModified == HttpDate.NONE ? s.getLastModified() : null;
        this.lastError = s.getLastError();
        this.lastFetchedAt = s.getLastFetchedAt() == null ? NONE : s.getLastFetchedAt().toEpochMilli();
        this.nextFetchAt = s.getNextFetchAt() == null ? NONE : s.getNextFetchAt().toEpochMilli();
        this.failureCount = s.getFailureCount();
        String sha = s.getSha256();
        // A digest that is not 64 hex digits (never written by this crawler) is kept as none: the page is published once more.
        this.hasSha = sha != null && sha.length() == 64 && sha.chars().allMatch(c -> Character.digit(c, 16) >= 0);
        this.sha0 = hasSha ? Long.parseUnsignedLong(sha.substring(0, 16), 16) : 0;
        this.sha1 = hasSha ? Long.parseUnsignedLong(sha.substring(16, 32), 16) : 0;
        this.sha2 = hasSha ? Long.parseUnsignedLong(sha.substring(32, 48), 16) : 0;
        this.sha3 = hasSha ? Long.parseUnsignedLong(sha.substring(48, 64), 16) : 0;
    }

    /**
     * @param url the URL as the crawler's map of states holds it (equal to the state's own)
     * @param portalId the portal's id as the crawler already holds it, so that a million states share one string
     */
    static UrlState of(CrawlState state, String url, String portalId) {
        return new UrlState(state, url, portalId);
    }

    /** The URL, the same string instance that keys the crawler's map. */
    String url() {
        return url;
    }

    /** The state as the crawl-state topic carries it. */
    CrawlState toCrawlState() {
        return CrawlState.newBuilder().setUrl(url).setPortalId(portalId).setStatus(status).setEtag(etagText(etag))
                .setLastModified(lastModified == HttpDate.NONE ? lastModifiedText : HttpDate.text(lastModified))
                .setLastError(lastError)
                .setLastFetchedAt(lastFetchedAt == NONE ? null : Instant.ofEpochMilli(lastFetchedAt))
                .setNextFetchAt(nextFetchAt == NONE ? null : Instant.ofEpochMilli(nextFetchAt))
                .setFailureCount(failureCount)
                .setSha256(hasSha ? hex(sha0) + hex(sha1) + hex(sha2) + hex(sha3) : null).build();
    }

    /**
     * An ETag as the bytes that keep it, null for none. UTF-8 gives back the very string for any
     * text without unpaired surrogates, which neither an HTTP header (Latin-1 at most) nor an Avro
     * string (UTF-8) can carry.
     */
    static byte[] etagBytes(String etag) {
        return etag == null ? null : etag.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The ETag kept by {@link #etagBytes}. */
    static String etagText(byte[] etag) {
        return etag == null ? null : new String(etag, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String hex(long v) {
        String h = Long.toHexString(v);
        return "0".repeat(16 - h.length()) + h;
    }
}
