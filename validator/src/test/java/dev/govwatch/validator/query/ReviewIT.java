package dev.govwatch.validator.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.govwatch.extractor.Extraction;
import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.Stack;
import dev.govwatch.stack.StackExtension;
import dev.govwatch.streams.ServiceConfig;
import dev.govwatch.streams.StreamsService;
import dev.govwatch.validator.Deadlines;
import dev.govwatch.validator.ValidatorTopology;

/**
 * Decisions through the query API on the real broker and registry: recorded, shown with each alert,
 * still attached after the validator reprocesses every report from scratch (a new application, as
 * a replay gives), marked when the alert's figures change, and written only with the secret when
 * the API listens beyond loopback.
 */
@ExtendWith(StackExtension.class)
class ReviewIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void decisionsAreRecordedShownAndOutliveAReplay(Stack stack, @TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> agencies = List.of("审核县" + run + "甲局", "审核县" + run + "乙局", "审核县" + run + "丙局");
        send(stack, agencies, "2026-02-10");

        Map<String, String> ids;
        try (StreamsService validator = validator(stack, "it-review-" + run, dir.resolve("first"));
             KafkaDecisionLog log = new KafkaDecisionLog(config(stack, "it-review-" + run, dir.resolve("first")));
             QueryServer api = QueryServer.start(validator.streams(), "127.0.0.1", new HostInfo("127.0.0.1", port(validator)),
                     log, WriteAccess.of("127.0.0.1", null));
             QueryServer wide = QueryServer.start(validator.streams(), "0.0.0.0", new HostInfo("127.0.0.1", freePort()),
                     log, WriteAccess.of("0.0.0.0", "s3cret-token"))) {
            ids = lateAlertIds(api, run, 3);
            String a = ids.get(agencies.get(0));
            String b = ids.get(agencies.get(1));

            assertThat(post(api, Map.of("alertId", a, "verdict", "DISMISSED", "reviewer", "王审核"), null).statusCode())
                    .as("dismissing needs a reason").isEqualTo(400);
            assertThat(post(api, Map.of("alertId", "LATE|没有这个|2025", "verdict", "CONFIRMED", "reviewer", "王审核"), null)
                    .statusCode()).isEqualTo(404);
            HttpResponse<String> dismissed = post(api, Map.of("alertId", a, "verdict", "DISMISSED",
                    "reason", "部门已说明：系统故障延迟发布", "reviewer", "王审核"), null);
            assertThat(dismissed.statusCode()).as(dismissed.body()).isEqualTo(201);

            // Beyond loopback: no secret, a wrong one → 401 and nothing recorded; the right one → recorded.
            assertThat(post(wide, Map.of("alertId", b, "verdict", "CONFIRMED", "reviewer", "李"), null).statusCode()).isEqualTo(401);
            assertThat(post(wide, Map.of("alertId", b, "verdict", "CONFIRMED", "reviewer", "李"), "wrong").statusCode()).isEqualTo(401);
            assertThat(post(wide, Map.of("alertId", b, "verdict", "CONFIRMED", "reviewer", "李"), "s3cret-token").statusCode())
                    .isEqualTo(201);

            Map<String, String> reviews = awaitReviews(api, run, r -> "DISMISSED".equals(r.get(a)) && "CONFIRMED".equals(r.get(b)));
            assertThat(reviews).containsEntry(a, "DISMISSED").containsEntry(b, "CONFIRMED")
                    .containsEntry(ids.get(agencies.get(2)), "UNDECIDED");
            assertThat(mine(get(api, "/api/alerts?review=undecided"), run)).extracting(m -> (Object) m.get("id"))
                    .containsExactly((Object) ids.get(agencies.get(2)));
            Map<?, ?> trail = get(api, "/api/decisions?alert=" + java.net.URLEncoder.encode(a, StandardCharsets.UTF_8));
            assertThat(((Map<?, ?>) trail.get("decision")).get("reason")).isEqualTo("部门已说明：系统故障延迟发布");
        }

        // A new application reads every report again from the beginning, as a replay does: the
        // same alerts come back with the same ids, and their decisions with them.
        try (StreamsService validator = validator(stack, "it-review-replay-" + run, dir.resolve("replay"));
             KafkaDecisionLog log = new KafkaDecisionLog(config(stack, "it-review-replay-" + run, dir.resolve("replay")));
             QueryServer api = QueryServer.start(validator.streams(), "127.0.0.1", new HostInfo("127.0.0.1", port(validator)),
                     log, WriteAccess.of("127.0.0.1", null))) {
            assertThat(lateAlertIds(api, run, 3)).isEqualTo(ids);
            String a = ids.get(agencies.get(0));
            String b = ids.get(agencies.get(1));
            assertThat(awaitReviews(api, run, r -> "DISMISSED".equals(r.get(a))))
                    .containsEntry(a, "DISMISSED").containsEntry(b, "CONFIRMED");

            // The agency re-publishes later still: the LATE alert now says other things, so its
            // dismissal no longer holds; it is kept, for a second look.
            send(stack, agencies.subList(0, 1), "2026-03-20");
            Map<String, String> changed = awaitReviews(api, run, r -> "CHANGED_SINCE_REVIEWED".equals(r.get(a)));
            assertThat(changed).containsEntry(a, "CHANGED_SINCE_REVIEWED").containsEntry(b, "CONFIRMED");
            assertThat(mine(get(api, "/api/alerts?review=undecided"), run)).extracting(m -> (Object) m.get("id"))
                    .contains((Object) a).doesNotContain((Object) b);
        }
    }

    private Map<String, String> lateAlertIds(QueryServer api, String run, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        List<Map<?, ?>> alerts = List.of();
        while (System.nanoTime() < deadline) {
            alerts = mine(get(api, "/api/alerts?category=LATE"), run);
            if (alerts.size() >= count) {
                break;
            }
            Thread.sleep(300);
        }
        assertThat(alerts).hasSize(count);
        Map<String, String> ids = new LinkedHashMap<>();
        alerts.forEach(m -> ids.put((String) m.get("agency"), (String) m.get("id")));
        return ids;
    }

    /** Alert id → review state, once {@code done} holds (decisions reach the global store asynchronously). */
    private Map<String, String> awaitReviews(QueryServer api, String run, Predicate<Map<String, String>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        Map<String, String> reviews = Map.of();
        while (System.nanoTime() < deadline) {
            reviews = new LinkedHashMap<>();
            for (Map<?, ?> m : mine(get(api, "/api/alerts?category=LATE"), run)) {
                reviews.put((String) m.get("id"), (String) m.get("review"));
            }
            if (done.test(reviews)) {
                break;
            }
            Thread.sleep(300);
        }
        return reviews;
    }

    private HttpResponse<String> post(QueryServer server, Map<String, String> decision, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/decisions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(decision)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<?, ?> get(QueryServer server, String path) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path + ": " + new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readValue(response.body(), Map.class);
    }

    private static List<Map<?, ?>> mine(Map<?, ?> answer, String run) {
        List<Map<?, ?>> out = new ArrayList<>();
        for (Object o : (List<?>) answer.get("alerts")) {
            Map<?, ?> m = (Map<?, ?>) o;
            if (String.valueOf(m.get("agency")).contains(run)) {
                out.add(m);
            }
        }
        return out;
    }

    private final Map<StreamsService, Integer> ports = new java.util.HashMap<>();

    private int port(StreamsService service) {
        return ports.get(service);
    }

    private StreamsService validator(Stack stack, String appId, Path state) throws Exception {
        int port = freePort();
        ServiceConfig config = ServiceConfig.of(appId, Map.of(ServiceConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                ServiceConfig.REGISTRY_URL, stack.registryUrl(), ServiceConfig.STATE_DIR, state.toString(),
                "kafka.application.server", "127.0.0.1:" + port));
        StreamsService service = StreamsService.start("validator", ValidatorTopology.build(config, Deadlines.national(),
                ValidatorTopology.MissingPolicy.defaults()), config, (short) 1, Duration.ofMinutes(2));
        ports.put(service, port);
        return service;
    }

    private static ServiceConfig config(Stack stack, String appId, Path state) {
        return ServiceConfig.of(appId, Map.of(ServiceConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                ServiceConfig.REGISTRY_URL, stack.registryUrl(), ServiceConfig.STATE_DIR, state.toString()));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Department reports published on {@code published}: after 01-31, so each is LATE. */
    private static void send(Stack stack, List<String> agencies, String published) {
        try (KafkaProducer<String, AnnualReport> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
                new StringSerializer(), AvroSerdes.<AnnualReport>serializer(stack.registry()))) {
            for (int i = 0; i < agencies.size(); i++) {
                FetchedPage page = FetchedPage.newBuilder().setUrl("http://review.example/" + agencies.get(i) + ".html")
                        .setPortalId("r").setFetchedAt(Instant.now()).setHttpStatus(200)
                        .setContentType("text/html; charset=UTF-8").setCharset("UTF-8")
                        .setBody(ByteBuffer.wrap(new Report2021Page(400 + i).as(agencies.get(i), 2025, published)
                                .getBytes(StandardCharsets.UTF_8)))
                        .setSha256(agencies.get(i) + published).build();
                AnnualReport r = ((Extraction.Report) new ReportExtractor().extract(page, Instant.now())).report();
                producer.send(new ProducerRecord<>(Topics.REPORTS.name(), r.getReportKey(), r));
            }
        }
    }
}
