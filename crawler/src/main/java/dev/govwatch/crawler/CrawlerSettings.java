package dev.govwatch.crawler;

import java.time.Duration;

/**
 * How the crawler behaves toward servers.
 *
 * @param userAgent       names govwatch and a contact URL
 * @param defaultDelay    minimum pause between two requests to one host, unless the portal or robots.txt ask more
 * @param maxListPages    pagination limit per report column
 * @param maxBodyBytes    a body growing past this many bytes, after decompression, is abandoned mid-stream
 * @param maxRedirects    longer chains are refused (loops are refused at once)
 * @param maxAttempts     tries per URL on 5xx and I/O errors
 * @param connectTimeout  connection timeout
 * @param responseTimeout longest silence while waiting for the response or between two of its packets
 * @param totalTimeout    longest a whole exchange may take, so that a server trickling bytes cannot hold a slot forever
 * @param maxConnections  pooled connections in all
 */
public record CrawlerSettings(String userAgent, Duration defaultDelay, int maxListPages, int maxBodyBytes, int maxRedirects,
                              int maxAttempts, Duration connectTimeout, Duration responseTimeout, Duration totalTimeout,
                              int maxConnections) {

    public static CrawlerSettings defaults() {
        return new CrawlerSettings("govwatch/0.1 (+https://github.com/govwatch/govwatch; disclosure-report monitor)",
                Duration.ofSeconds(2), 20, 16 * 1024 * 1024, 5, 3, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofMinutes(2), defaultMaxConnections());
    }

    /**
     * Enough pooled connections to keep one alive per host for a few thousand hosts (opening a new
     * one per request cost a third of a 3,000-portal sweep), but never more than a quarter of the
     * process's file-descriptor limit, which is often only 1,024.
     */
    static int defaultMaxConnections() {
        long fds = 4096;
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            fds = unix.getMaxFileDescriptorCount();
        }
        return (int) Math.max(64, Math.min(4000, fds / 4));
    }

    public CrawlerSettings withDefaultDelay(Duration delay) {
        return new CrawlerSettings(userAgent, delay, maxListPages, maxBodyBytes, maxRedirects, maxAttempts, connectTimeout,
                responseTimeout, totalTimeout, maxConnections);
    }

    public CrawlerSettings withMaxBodyBytes(int bytes) {
        return new CrawlerSettings(userAgent, defaultDelay, maxListPages, bytes, maxRedirects, maxAttempts, connectTimeout,
                responseTimeout, totalTimeout, maxConnections);
    }

    public CrawlerSettings withTimeouts(Duration response, Duration total) {
        return new CrawlerSettings(userAgent, defaultDelay, maxListPages, maxBodyBytes, maxRedirects, maxAttempts, connectTimeout,
                response, total, maxConnections);
    }
}
