package dev.govwatch.notifier;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs one notification, retrying with exponential backoff and jitter on I/O errors, 408, 429 and
 * 5xx (honouring a 429's or 503's Retry-After up to the backoff cap). Other 4xx answers are final:
 * the receiver refused this request and sending it again would not change that.
 */
public class WebhookSender {

    /** How a delivery ended. */
    public record Outcome(boolean delivered, int attempts, String problem) {
    }

    private final HttpClient client;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final String userAgent;

    /** Six attempts over about a minute: 2 s, 4 s, 8 s, 16 s, 30 s apart (with jitter). */
    public static WebhookSender standard() {
        return new WebhookSender(6, Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    public WebhookSender(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.userAgent = "govwatch-notifier/0.1 (+https://github.com/govwatch/govwatch)";
    }

    /**
     * @param event      {@code alert.opened} or {@code alert.resolved}
     * @param deliveryId the same for every attempt of one notification, so receivers can drop repeats
     */
    public Outcome send(Webhook hook, String event, String deliveryId, String json) throws InterruptedException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String problem = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Duration wait = backoff(attempt);
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(hook.url())
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header("User-Agent", userAgent)
                        .header("X-Govwatch-Event", event)
                        .header("X-Govwatch-Delivery", deliveryId)
                        .header(Signature.HEADER, Signature.of(hook.secret(), body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new Outcome(true, attempt, null);
                }
                problem = "HTTP " + status + " from " + hook.url();
                if (status < 500 && status != 408 && status != 429) {
                    return new Outcome(false, attempt, problem + " (not retried: the receiver refused it)");
                }
                Duration asked = retryAfter(response);
                if (asked != null && asked.compareTo(wait) > 0) {
                    wait = asked.compareTo(maxBackoff) > 0 ? maxBackoff : asked;
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + ": " + e.getMessage() + " (" + hook.url() + ")";
            }
            if (attempt < maxAttempts) {
                Thread.sleep(wait.toMillis());
            }
        }
        return new Outcome(false, maxAttempts, problem + " after " + maxAttempts + " attempts");
    }

    private Duration backoff(int attempt) {
        long ms = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
        ms = Math.min(ms, maxBackoff.toMillis());
        return Duration.ofMillis(ms / 2 + (long) (Math.random() * (ms / 2 + 1)));
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(null);
    }
}
