package dev.govwatch.crawler;

import java.util.Map;

/**
 * One HTTP exchange as the crawler needs it.
 *
 * @param url      the URL finally fetched (after redirects)
 * @param status   HTTP status, or 0 when no response came
 * @param headers  response headers, names lower-cased (first value)
 * @param body     the body, or empty
 * @param error    why no usable response came, or null
 */
public record FetchResult(String url, int status, Map<String, String> headers, byte[] body, String error) {

    public static FetchResult failed(String url, String error) {
        return new FetchResult(url, 0, Map.of(), new byte[0], error);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
