package dev.govwatch.crawler;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Anti-bot challenge pages, which must be reported as a blocked portal and never published as
 * pages: 瑞数 answers HTTP 412 with a {@code $_ts} script, 加速乐 HTTP 521 with {@code __jsluid} cookies.
 */
final class Challenges {

    private Challenges() {
    }

    /** What kind of challenge the response is, if it is one. */
    static Optional<String> detect(FetchResult result) {
        String head = new String(result.body(), 0, Math.min(result.body().length, 4096), StandardCharsets.ISO_8859_1);
        String cookies = String.valueOf(result.header("set-cookie"));
        if (result.status() == 412 && head.contains("$_ts")) {
            return Optional.of("HTTP 412 with a $_ts script (瑞数)");
        }
        if (result.status() == 521 && (cookies.contains("__jsluid") || head.contains("__jsl_clearance"))) {
            return Optional.of("HTTP 521 with __jsluid cookies (加速乐)");
        }
        return Optional.empty();
    }
}
