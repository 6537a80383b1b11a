package dev.govwatch.crawler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Collects a response body as it streams in and gives up as soon as it grows past the cap. The
 * client decodes gzip and deflate before the bytes reach this consumer, so the cap bounds the
 * decompressed size too: a gzip bomb is abandoned after {@code cap} bytes, never inflated whole.
 */
final class CappedBodyConsumer extends AbstractBinResponseConsumer<FetchResult> {

    /** Thrown from the I/O thread to abort the exchange; its message becomes the fetch error. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge(String message) {
            super(message);
        }
    }

    private final String url;
    private final int cap;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status;
    private Map<String, String> headers = Map.of();

    CappedBodyConsumer(String url, int cap) {
        this.url = url;
        this.cap = cap;
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) throws IOException {
        status = response.getCode();
        Map<String, String> names = new HashMap<>();
        for (Header header : response.getHeaders()) {
            names.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
        }
        headers = names;
        String length = names.get("content-length");
        // Refuse early when the server announces an oversized body and does not compress it.
        if (length != null && names.get("content-encoding") == null && length.matches("\\d{1,18}") && Long.parseLong(length) > cap) {
            throw new BodyTooLarge("body of " + length + " bytes announced, over the cap of " + cap);
        }
    }

    @Override
    protected int capacityIncrement() {
        return 64 * 1024;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
        int n = src.remaining();
        if (body.size() + (long) n > cap) {
            throw new BodyTooLarge("body exceeds the cap of " + cap + " bytes"
                    + (headers.containsKey("content-encoding") ? " after " + headers.get("content-encoding") + " decoding" : ""));
        }
        if (src.hasArray()) {
            body.write(src.array(), src.arrayOffset() + src.position(), n);
            src.position(src.limit());
        } else {
            byte[] chunk = new byte[n];
            src.get(chunk);
            body.write(chunk);
        }
    }

    @Override
    protected FetchResult buildResult() {
        return new FetchResult(url, status, headers, body.toByteArray(), null);
    }

    @Override
    public void releaseResources() {
        // The buffer is handed over in buildResult; nothing else is held.
    }
}
