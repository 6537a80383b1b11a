package dev.govwatch.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import dev.govwatch.schemas.FetchedPage;

/** Reads a file or an http(s) URL given on the command line into a {@link FetchedPage}. */
final class PageSource {

    private PageSource() {
    }

    /**
     * @param charset charset to assume when neither the server nor the page names one, or null
     * @throws IOException with a message fit for the user (no such file, HTTP status …)
     */
    static FetchedPage read(String input, String charset) throws IOException {
        byte[] body;
        String contentType = null;
        String url = input;
        if (input.startsWith("http://") || input.startsWith("https://")) {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            try {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(input))
                        .header("User-Agent", "govwatch/0.1 (+https://github.com/govwatch)").timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                body = response.body();
                contentType = response.headers().firstValue("Content-Type").orElse(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        } else {
            Path path = Path.of(input);
            if (!Files.isRegularFile(path)) {
                throw new IOException("no such file");
            }
            body = Files.readAllBytes(path);
            url = path.toAbsolutePath().toUri().toString();
        }
        return FetchedPage.newBuilder().setUrl(url).setPortalId("cli").setFetchedAt(Instant.now()).setHttpStatus(200)
                .setContentType(contentType).setCharset(charset).setBody(ByteBuffer.wrap(body)).setSha256(sha256(body))
                .build();
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
