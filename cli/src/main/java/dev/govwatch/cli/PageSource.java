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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.PageImage;

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
        FetchedPage page = FetchedPage.newBuilder().setUrl(url).setPortalId("cli").setFetchedAt(Instant.now()).setHttpStatus(200)
                .setContentType(contentType).setCharset(charset).setBody(ByteBuffer.wrap(body)).setSha256(sha256(body))
                .build();
        return withImages(page);
    }

    /**
     * The page with its article's images, as the crawler brings them: read from beside the file or
     * fetched from the page's server; at most {@link #MAX_IMAGES}, each under {@link #MAX_IMAGE_BYTES}.
     * An image that cannot be had is left out (the report then names what it could not read).
     */
    private static FetchedPage withImages(FetchedPage page) {
        List<PageImage> images = new ArrayList<>();
        for (String src : ReportExtractor.articleImages(page)) {
            if (images.size() == MAX_IMAGES) {
                break;
            }
            try {
                byte[] bytes;
                String type;
                URI uri = URI.create(src);
                if ("file".equals(uri.getScheme())) {
                    Path path = Path.of(uri);
                    if (!Files.isRegularFile(path) || Files.size(path) > MAX_IMAGE_BYTES) {
                        continue;
                    }
                    bytes = Files.readAllBytes(path);
                    type = Files.probeContentType(path);
                } else if ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) {
                    HttpResponse<byte[]> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                            .connectTimeout(Duration.ofSeconds(10)).build()
                            .send(HttpRequest.newBuilder(uri).header("User-Agent", "govwatch/0.1 (+https://github.com/govwatch)")
                                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200 || response.body().length > MAX_IMAGE_BYTES) {
                        continue;
                    }
                    bytes = response.body();
                    type = response.headers().firstValue("Content-Type").orElse(null);
                } else {
                    continue;
                }
                images.add(PageImage.newBuilder().setUrl(src).setContentType(type).setBody(ByteBuffer.wrap(bytes))
                        .setSha256(sha256(bytes)).build());
            } catch (IOException | IllegalArgumentException e) {
                // left out; the extraction says which tables it could not read
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return images.isEmpty() ? page : FetchedPage.newBuilder(page).setImages(images).build();
    }

    private static final int MAX_IMAGES = 8;
    private static final int MAX_IMAGE_BYTES = 10 * 1024 * 1024;

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
