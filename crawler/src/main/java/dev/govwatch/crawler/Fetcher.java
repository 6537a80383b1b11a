package dev.govwatch.crawler;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TrustAllStrategy;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5, async: pooled connections, HTTP/1.1 or HTTP/2 as TLS negotiates (ALPN),
 * gzip and deflate decoded as the body streams in, a cap on the decoded body, connect, response and
 * total timeouts, a User-Agent naming govwatch, no automatic redirects (the crawler follows them
 * itself, through the SSRF guard), and conditional GET headers when the caller knows the URL's ETag
 * or Last-Modified.
 *
 * <p>Two clients: a strict one for every portal, and, created on first use, one that accepts broken
 * certificates for the portals that opted in ({@code acceptBrokenTls}). Keeping them apart means an
 * opt-in can never weaken the checks on any other portal's connections.
 */
final class Fetcher implements AutoCloseable {

    private final CrawlerSettings settings;
    private final CloseableHttpAsyncClient strict;
    private volatile CloseableHttpAsyncClient lenient;

    Fetcher(CrawlerSettings settings) {
        this.settings = settings;
        this.strict = client(null);
    }

    /**
     * Fetches {@code url}; never completes exceptionally: failures come back as a {@link FetchResult}
     * with status 0 and the reason.
     */
    CompletableFuture<FetchResult> get(String url, String etag, String lastModified, boolean acceptBrokenTls) {
        SimpleRequestBuilder builder = SimpleRequestBuilder.get(url);
        if (etag != null) {
            builder.setHeader("If-None-Match", etag);
        }
        if (lastModified != null) {
            builder.setHeader("If-Modified-Since", lastModified);
        }
        CompletableFuture<FetchResult> result = new CompletableFuture<>();
        Future<FetchResult> exchange = (acceptBrokenTls ? lenient() : strict).execute(
                SimpleRequestProducer.create(builder.build()), new CappedBodyConsumer(url, settings.maxBodyBytes()), null,
                new FutureCallback<>() {
                    @Override
                    public void completed(FetchResult response) {
                        result.complete(response);
                    }

                    @Override
                    public void failed(Exception e) {
                        result.complete(FetchResult.failed(url, describe(e)));
                    }

                    @Override
                    public void cancelled() {
                        result.complete(FetchResult.failed(url, "cancelled"));
                    }
                });
        long totalMs = settings.totalTimeout().toMillis();
        return result.completeOnTimeout(null, totalMs, TimeUnit.MILLISECONDS).thenApply(r -> {
            if (r == null) {
                exchange.cancel(true);
                return FetchResult.failed(url, "TimeoutException: exchange took longer than " + totalMs + " ms");
            }
            return r;
        });
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof SSLException) {
                break;
            }
            root = root.getCause();
        }
        if (e instanceof SSLException || root instanceof SSLException) {
            return "TLS failure: " + root.getMessage() + " (a portal may opt in with acceptBrokenTls: true)";
        }
        if (e instanceof CappedBodyConsumer.BodyTooLarge) {
            return e.getMessage();
        }
        if (e instanceof TimeoutException || e instanceof java.net.SocketTimeoutException) {
            return "TimeoutException: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private CloseableHttpAsyncClient lenient() {
        CloseableHttpAsyncClient client = lenient;
        if (client == null) {
            synchronized (this) {
                if (lenient == null) {
                    try {
                        lenient = client(SSLContexts.custom().loadTrustMaterial(TrustAllStrategy.INSTANCE).build());
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("cannot build the TLS context for acceptBrokenTls portals", e);
                    }
                }
                client = lenient;
            }
        }
        return client;
    }

    /** Connections allowed before the pool is lax (per-host limits only); fewer, and the strict pool caps the total. */
    static final int LAX_POOL_CONNECTIONS = 1_000;
    /** How long an idle connection is kept for its host's next request (a sweep asks every few seconds). */
    static final java.time.Duration IDLE_CONNECTIONS_KEPT = java.time.Duration.ofSeconds(30);

    /**
     * Each connection's input and output buffer, in bytes. HttpCore's default is 32 KiB each, and a
     * national crawl keeps a few thousand connections open at once (one host, one request a second):
     * a heap dump mid-sweep held 9,000 of these 32 KiB buffers, 281 MB of a 1 GB heap. A body larger
     * than the buffer streams through it in several reads; at one request a second per host the
     * extra reads cost nothing that shows.
     */
    static final int CONNECTION_BUFFER_BYTES = 8 * 1024;

    /** The longest status or header line read (HttpCore's default): a longer one fails the fetch, named as such. */
    static final int MAX_HEADER_LINE = 8 * 1024;

    /**
     * The strict pool keeps one list of every idle connection and searches it on each lease: with a
     * connection kept per host, a national sweep (thousands of hosts) spent 7 % of its CPU in that
     * search at 300 hosts and more at 3,000. The lax pool keeps connections per host. It has no
     * total cap, so it is used only where the file-descriptor limit leaves room for thousands
     * ({@link CrawlerSettings#defaultMaxConnections}), with idle connections closed after
     * {@link #IDLE_CONNECTIONS_KEPT}.
     */
    static org.apache.hc.core5.pool.PoolConcurrencyPolicy poolPolicy(int maxConnections) {
        return maxConnections >= LAX_POOL_CONNECTIONS ? org.apache.hc.core5.pool.PoolConcurrencyPolicy.LAX
                : org.apache.hc.core5.pool.PoolConcurrencyPolicy.STRICT;
    }

    /** A client; {@code trustAll} non-null makes it accept any certificate and host name. */
    private CloseableHttpAsyncClient client(SSLContext trustAll) {
        PoolingAsyncClientConnectionManagerBuilder connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setPoolConcurrencyPolicy(poolPolicy(settings.maxConnections()))
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(2)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.responseTimeout()))
                        .build())
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.NEGOTIATE).build());
        if (trustAll != null) {
            ClientTlsStrategyBuilder tls = ClientTlsStrategyBuilder.create().setSslContext(trustAll)
                    .setHostnameVerifier(NoopHostnameVerifier.INSTANCE);
            tls.setHostnameVerificationPolicy(HostnameVerificationPolicy.CLIENT);
            connections.setTlsStrategy(tls.buildAsync());
        }
        CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                .setConnectionManager(connections.build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.responseTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .setHttp1Config(Http1Config.custom().setBufferSize(CONNECTION_BUFFER_BYTES)
                        .setMaxLineLength(MAX_HEADER_LINE).build())
                .setUserAgent(settings.userAgent())
                // The crawler retries by its own rules (attempt budget, backoff, Retry-After cap, politeness
                // slot); HttpClient's own retry of 429/503 and I/O errors would double every attempt.
                .disableAutomaticRetries()
                // The lax pool has no total cap: connections of hosts swept a while ago are closed.
                .evictIdleConnections(org.apache.hc.core5.util.TimeValue.of(IDLE_CONNECTIONS_KEPT))
                .build();
        client.start();
        return client;
    }

    @Override
    public void close() throws IOException {
        strict.close(CloseMode.GRACEFUL);
        if (lenient != null) {
            lenient.close(CloseMode.GRACEFUL);
        }
    }
}
