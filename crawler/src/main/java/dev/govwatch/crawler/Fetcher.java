package dev.govwatch.crawler;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5, async: pooled connections, connect and response timeouts, a User-Agent naming
 * govwatch, no automatic redirects (the crawler follows them itself, through the SSRF guard), and
 * conditional GET headers when the caller knows the URL's ETag or Last-Modified.
 */
final class Fetcher implements AutoCloseable {

    private final CloseableHttpAsyncClient client;
    private final int maxBodyBytes;

    Fetcher(CrawlerSettings settings) {
        this.maxBodyBytes = settings.maxBodyBytes();
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(settings.maxConnections())
                        .setMaxConnPerRoute(2)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(Timeout.of(settings.responseTimeout()))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.responseTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .setUserAgent(settings.userAgent())
                .build();
        client.start();
    }

    CompletableFuture<FetchResult> get(String url, String etag, String lastModified) {
        SimpleRequestBuilder builder = SimpleRequestBuilder.get(url);
        if (etag != null) {
            builder.setHeader("If-None-Match", etag);
        }
        if (lastModified != null) {
            builder.setHeader("If-Modified-Since", lastModified);
        }
        SimpleHttpRequest request = builder.build();
        CompletableFuture<FetchResult> result = new CompletableFuture<>();
        client.execute(request, new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                Map<String, String> headers = new HashMap<>();
                for (Header header : response.getHeaders()) {
                    headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
                }
                byte[] body = response.getBodyBytes() == null ? new byte[0] : response.getBodyBytes();
                if (body.length > maxBodyBytes) {
                    result.complete(FetchResult.failed(url, "body of " + body.length + " bytes exceeds the cap of " + maxBodyBytes));
                } else {
                    result.complete(new FetchResult(url, response.getCode(), headers, body, null));
                }
            }

            @Override
            public void failed(Exception e) {
                result.complete(FetchResult.failed(url, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }

            @Override
            public void cancelled() {
                result.complete(FetchResult.failed(url, "cancelled"));
            }
        });
        return result.orTimeout(5, TimeUnit.MINUTES);
    }

    @Override
    public void close() throws IOException {
        client.close(CloseMode.GRACEFUL);
    }
}
