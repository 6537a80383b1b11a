package dev.govwatch.crawler;

import java.time.Duration;

/**
 * How the crawler behaves toward servers.
 *
 * @param userAgent      names govwatch and a contact URL
 * @param defaultDelay   minimum pause between two requests to one host, unless the portal or robots.txt ask more
 * @param maxListPages   pagination limit per report column
 * @param maxBodyBytes   larger bodies are refused
 * @param maxRedirects   longer chains are refused (loops are refused at once)
 * @param maxAttempts    tries per URL on 5xx and I/O errors
 * @param connectTimeout connection timeout
 * @param responseTimeout time to wait for a response
 * @param maxConnections pooled connections in all
 */
public record CrawlerSettings(String userAgent, Duration defaultDelay, int maxListPages, int maxBodyBytes, int maxRedirects,
                              int maxAttempts, Duration connectTimeout, Duration responseTimeout, int maxConnections) {

    public static CrawlerSettings defaults() {
        return new CrawlerSettings("govwatch/0.1 (+https://github.com/govwatch/govwatch; disclosure-report monitor)",
                Duration.ofSeconds(2), 20, 16 * 1024 * 1024, 5, 3, Duration.ofSeconds(10), Duration.ofSeconds(30), 500);
    }

    public CrawlerSettings withDefaultDelay(Duration delay) {
        return new CrawlerSettings(userAgent, delay, maxListPages, maxBodyBytes, maxRedirects, maxAttempts, connectTimeout,
                responseTimeout, maxConnections);
    }
}
