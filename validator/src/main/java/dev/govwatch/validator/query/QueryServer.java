package dev.govwatch.validator.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.govwatch.schemas.AlertJson;
import dev.govwatch.schemas.RegionPath;
import dev.govwatch.validator.ValidatorStores;
import dev.govwatch.validator.metrics.MetricsRows;
import dev.govwatch.validator.metrics.MetricsStore;
import dev.govwatch.validator.metrics.MetricsView;

/**
 * The HTTP/JSON query API over the validator's state stores, and the dashboard built on it. Any
 * instance answers any question: lists (coverage, alerts) are gathered from every instance of the
 * application ({@code ?local=true} asks one instance for its own part only), and a single report is
 * fetched from the instance that owns its agency's partition. If an instance cannot be reached the
 * answer says so ({@code "partial": true}) instead of silently leaving its part out.
 *
 * <ul>
 *   <li>{@code GET /api/coverage} — agency × year: ON_TIME, LATE, MISSING, BLOCKED, with open problems</li>
 *   <li>{@code GET /api/alerts?category=C&region=R&review=S} — open alerts, each with its review state
 *       ({@code review=undecided|confirmed|dismissed|snoozed|changed_since_reviewed})</li>
 *   <li>{@code GET /api/report?agency=A&key=K} — one report with its tables and open alerts</li>
 *   <li>{@code GET /api/decisions?alert=ID} — the latest decision on an alert, with its audit trail</li>
 *   <li>{@code POST /api/decisions} — record a decision: JSON {@code {alertId, verdict, reason,
 *       snoozedUntil, reviewer}}; writes need the shared secret when the server listens beyond
 *       loopback ({@link WriteAccess})</li>
 *   <li>{@code GET /api/metrics?region=R&year=Y&level=L} — the disclosure metrics of a place (the
 *       nation when no region is given) and of the places directly under it: each rate with its n and
 *       Wilson 95 % interval, small samples marked as not ranked ({@link MetricsView}); year defaults
 *       to the one now due, level to {@code ALL} (or an agency level: COUNTY, DEPARTMENT, TOWN …)</li>
 *   <li>{@code GET /api/metrics/agency?agency=A} — one agency's rates, year by year</li>
 *   <li>{@code GET /health} — 200 while the streams run, 503 otherwise</li>
 *   <li>{@code GET /} — the dashboard</li>
 * </ul>
 */
public final class QueryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The charting library's files, from its webjar on the classpath. */
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/";

    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalStores local;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final DecisionLog decisions;
    private final WriteAccess writeAccess;
    private final java.time.Clock clock = java.time.Clock.systemDefaultZone();

    private QueryServer(KafkaStreams streams, String bindAddress, HostInfo self, DecisionLog decisions,
                        WriteAccess writeAccess) throws IOException {
        this.streams = streams;
        this.decisions = decisions;
        this.writeAccess = writeAccess;
        this.self = self;
        this.local = new LocalStores(streams);
        this.server = HttpServer.create(new InetSocketAddress(bindAddress, self.port()), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "govwatch-query");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /**
     * Serves on {@code self.port()} at {@code bindAddress}; {@code self} must be what the streams'
     * {@code application.server} says, so that other instances find this one.
     */
    public static QueryServer start(KafkaStreams streams, String bindAddress, HostInfo self) throws IOException {
        return new QueryServer(streams, bindAddress, self, null, WriteAccess.of(bindAddress, null));
    }

    /** As {@link #start(KafkaStreams, String, HostInfo)}, recording decisions in {@code decisions}. */
    public static QueryServer start(KafkaStreams streams, String bindAddress, HostInfo self, DecisionLog decisions,
                                    WriteAccess writeAccess) throws IOException {
        return new QueryServer(streams, bindAddress, self, decisions, writeAccess);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI());
            boolean post = exchange.getRequestMethod().equals("POST");
            if (!exchange.getRequestMethod().equals("GET") && !(post && path.equals("/api/decisions"))) {
                send(exchange, 405, "text/plain", "GET only, and POST to /api/decisions".getBytes(StandardCharsets.UTF_8));
                return;
            }
            try {
                if (post) {
                    decide(exchange);
                    return;
                }
                switch (path) {
                    case "/api/decisions" -> decisionOf(exchange, query);
                    case "/health" -> health(exchange);
                    case "/api/coverage" -> json(exchange, 200, gather("/api/coverage", "cells", query, local::coverage));
                    case "/api/alerts" -> json(exchange, 200, filtered(gather("/api/alerts", "alerts", query, local::alerts), query));
                    case "/api/report" -> report(exchange, query);
                    case "/api/metrics" -> metrics(exchange, query);
                    case "/api/metrics/rows" -> json(exchange, 200, metricRows(query));
                    case "/", "/index.html" -> resource(exchange, "index.html", "text/html; charset=utf-8");
                    case "/assets/uplot.js" -> resource(exchange, UPLOT + "dist/uPlot.iife.min.js", "text/javascript; charset=utf-8");
                    case "/assets/uplot.css" -> resource(exchange, UPLOT + "dist/uPlot.min.css", "text/css; charset=utf-8");
                    case "/api/metrics/agency" -> agencyMetrics(exchange, query);
                    default -> send(exchange, 404, "text/plain", ("no such page: " + path).getBytes(StandardCharsets.UTF_8));
                }
            } catch (InvalidStateStoreException e) {
                // During a rebalance the stores move; the caller should simply ask again.
                json(exchange, 503, Map.of("error", "state stores are moving between instances; retry in a moment: " + e.getMessage()));
            } catch (RuntimeException e) {
                LOG.warn("query {} failed", exchange.getRequestURI(), e);
                json(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
            }
        }
    }

    private void decisionOf(HttpExchange exchange, Map<String, String> query) throws IOException {
        String id = query.get("alert");
        if (id == null || id.isBlank()) {
            json(exchange, 400, Map.of("error", "give alert=ID"));
            return;
        }
        var decision = local.decision(id);
        if (decision == null) {
            json(exchange, 404, Map.of("error", "no decision on " + id));
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("alertId", id);
        out.put("decision", DecisionJson.toMap(decision));
        json(exchange, 200, out);
    }

    /** Records a decision on an open alert, made on the alert's evidence as it is now. */
    @SuppressWarnings("unchecked")
    private void decide(HttpExchange exchange) throws IOException {
        String refusal = writeAccess.refusal(exchange.getRequestHeaders().getFirst("Authorization"));
        if (refusal != null) {
            json(exchange, 401, Map.of("error", refusal));
            return;
        }
        if (decisions == null) {
            json(exchange, 503, Map.of("error", "this server records no decisions"));
            return;
        }
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            json(exchange, 413, Map.of("error", "a decision is at most " + MAX_BODY + " bytes"));
            return;
        }
        dev.govwatch.schemas.DecisionRequest request;
        try {
            request = DecisionJson.request(JSON.readValue(body, Map.class));
        } catch (IllegalArgumentException | IOException e) {
            json(exchange, 400, Map.of("error", "not a decision: " + e.getMessage()));
            return;
        }
        List<String> problems = request.problems(java.time.LocalDate.now(clock));
        if (!problems.isEmpty()) {
            json(exchange, 400, Map.of("error", String.join("; ", problems)));
            return;
        }
        var held = local.alert(request.alertId());
        String evidence = held.map(dev.govwatch.schemas.AlertDigest::of).orElse(null);
        List<String> former = held.map(dev.govwatch.schemas.Alert::getFormerIds).orElse(List.of());
        if (evidence == null) {
            for (Object o : (List<Object>) gather("/api/alerts", "alerts", Map.of(), local::alerts).get("alerts")) {
                Map<String, Object> a = (Map<String, Object>) o;
                if (request.alertId().equals(a.get("id"))) {
                    evidence = (String) a.get("digest");
                    former = a.get("formerIds") instanceof List<?> ids ? ids.stream().map(String::valueOf).toList() : List.of();
                }
            }
        }
        if (evidence == null) {
            json(exchange, 404, Map.of("error", "no open alert " + request.alertId()));
            return;
        }
        // A decision made under an id the alert went by before continues its trail.
        var previous = dev.govwatch.schemas.Review.decisionFor(request.alertId(), former, local::decision);
        var decision = request.applyTo(previous, evidence, clock.instant());
        try {
            decisions.append(decision);
        } catch (Exception e) {
            LOG.warn("cannot record the decision on {}", request.alertId(), e);
            json(exchange, 503, Map.of("error", "the decision could not be recorded: " + e.getMessage()));
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("alertId", request.alertId());
        out.put("decision", DecisionJson.toMap(decision));
        json(exchange, 201, out);
    }

    private static final int MAX_BODY = 64 * 1024;

    private void health(HttpExchange exchange) throws IOException {
        KafkaStreams.State state = streams.state();
        boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        json(exchange, up ? 200 : 503, Map.of("state", state.name()));
    }

    /** This instance's part, plus (unless {@code local=true}) every other instance's. */
    private Map<String, Object> gather(String path, String field, Map<String, String> query,
                                       java.util.function.Supplier<List<Map<String, Object>>> mine) {
        List<Object> all = new ArrayList<>(mine.get());
        List<String> unreachable = new ArrayList<>();
        if (!"true".equals(query.get("local"))) {
            for (StreamsMetadata instance : streams.metadataForAllStreamsClients()) {
                HostInfo host = instance.hostInfo();
                if (host.equals(self) || !instance.stateStoreNames().contains(ValidatorStores.REPORTS)) {
                    continue;
                }
                try {
                    Map<?, ?> part = fetch(host, path + (path.contains("?") ? "&" : "?") + "local=true");
                    all.addAll((List<?>) part.get(field));
                } catch (IOException | InterruptedException | RuntimeException e) {
                    unreachable.add(host.host() + ":" + host.port());
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(field, all);
        out.put("partial", !unreachable.isEmpty());
        out.put("unreachable", unreachable);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> filtered(Map<String, Object> answer, Map<String, String> query) {
        String category = query.get("category");
        String region = query.get("region");
        String review = query.get("review");
        List<Object> alerts = new ArrayList<>((List<Object>) answer.get("alerts"));
        alerts.removeIf(o -> {
            Map<String, Object> a = (Map<String, Object>) o;
            if (category != null && !category.isBlank() && !category.toUpperCase(Locale.ROOT).equals(a.get("category"))) {
                return true;
            }
            if (review != null && !review.isBlank() && !reviewMatches(review, String.valueOf(a.get("review")))) {
                return true;
            }
            return region != null && !region.isBlank() && !RegionPath.of(AlertJson.regionOf(a.get("region"))).within(region);
        });
        answer.put("alerts", alerts);
        return answer;
    }

    /** {@code undecided} takes in alerts whose evidence changed since review; the others name one state. */
    private static boolean reviewMatches(String wanted, String status) {
        String w = wanted.trim().toUpperCase(Locale.ROOT);
        return w.equals("UNDECIDED") ? status.equals("UNDECIDED") || status.equals("CHANGED_SINCE_REVIEWED") : w.equals(status);
    }

    /** This instance's own sums (what {@code /api/metrics} gathers from each instance). */
    private Map<String, Object> metricRows(Map<String, String> query) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", local.metricRows(Integer.parseInt(query.getOrDefault("year", "0")), query.getOrDefault("level", MetricsStore.ALL_LEVELS)));
        return out;
    }

    /** One agency's rates, year by year, from the instance that holds it. */
    private void agencyMetrics(HttpExchange exchange, Map<String, String> query) throws IOException {
        String agency = query.get("agency");
        if (agency == null || agency.isBlank()) {
            json(exchange, 400, Map.of("error", "give agency=NAME"));
            return;
        }
        KeyQueryMetadata owner = streams.queryMetadataForKey(ValidatorStores.REPORTS, agency, Serdes.String().serializer());
        HostInfo host = owner.activeHost();
        if (host == null || host.equals(self) || host.port() < 0 || "true".equals(query.get("local"))) {
            json(exchange, 200, Map.of("agency", agency, "years", local.agencyMetrics(agency)));
            return;
        }
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
                    + "/api/metrics/agency?local=true&agency=" + encode(agency))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            send(exchange, response.statusCode(), "application/json; charset=utf-8", response.body());
        } catch (IOException | InterruptedException e) {
            json(exchange, 502, Map.of("error", "the instance holding " + agency + " (" + host.host() + ":" + host.port()
                    + ") did not answer: " + e.getMessage()));
        }
    }

    private void metrics(HttpExchange exchange, Map<String, String> query) throws IOException {
        int year;
        try {
            year = query.get("year") == null || query.get("year").isBlank() ? java.time.LocalDate.now(clock).getYear() - 1
                    : Integer.parseInt(query.get("year").strip());
        } catch (NumberFormatException e) {
            json(exchange, 400, Map.of("error", "year must be a number such as 2025, not '" + query.get("year") + "'"));
            return;
        }
        String level = query.get("level") == null || query.get("level").isBlank() ? MetricsStore.ALL_LEVELS
                : query.get("level").strip().toUpperCase(Locale.ROOT);
        if (!level.equals(MetricsStore.ALL_LEVELS)
                && java.util.Arrays.stream(dev.govwatch.schemas.AgencyLevel.values()).noneMatch(l -> l.name().equals(level))) {
            json(exchange, 400, Map.of("error", "level is ALL or one of " + java.util.Arrays.toString(dev.govwatch.schemas.AgencyLevel.values())));
            return;
        }
        Map<String, Object> rows = gather("/api/metrics/rows?year=" + year + "&level=" + level, "rows", Map.of(),
                () -> local.metricRows(year, level));
        Map<String, Object> alerts = gather("/api/alerts", "alerts", Map.of(), local::alerts);
        List<dev.govwatch.schemas.MetricCounts> parts = new ArrayList<>();
        for (Object row : (List<?>) rows.get("rows")) {
            parts.add(MetricsRows.fromMap((Map<?, ?>) row));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> open = (List<Map<String, Object>>) (List<?>) alerts.get("alerts");
        Optional<Map<String, Object>> view = MetricsView.of(parts, open, year, level, query.get("region"));
        if (view.isEmpty()) {
            json(exchange, 404, Map.of("error", "no reports on " + year + (query.get("region") == null ? "" : " in " + query.get("region"))
                    + (level.equals(MetricsStore.ALL_LEVELS) ? "" : " at level " + level)));
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>(view.get());
        boolean partial = Boolean.TRUE.equals(rows.get("partial")) || Boolean.TRUE.equals(alerts.get("partial"));
        out.put("partial", partial);
        json(exchange, 200, out);
    }

    private void report(HttpExchange exchange, Map<String, String> query) throws IOException {
        String agency = query.get("agency");
        String key = query.get("key");
        if (agency == null || key == null) {
            json(exchange, 400, Map.of("error", "give agency and key (the report key, as in /api/coverage)"));
            return;
        }
        KeyQueryMetadata owner = streams.queryMetadataForKey(ValidatorStores.REPORTS, agency, Serdes.String().serializer());
        HostInfo host = owner.activeHost();
        if (host == null || host.equals(self) || host.port() < 0 || "true".equals(query.get("local"))) {
            Optional<Map<String, Object>> report = local.report(key);
            json(exchange, report.isPresent() ? 200 : 404, report.isPresent() ? report.get() : Map.of("error", "no report " + key));
            return;
        }
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
                    + "/api/report?local=true&agency=" + encode(agency) + "&key=" + encode(key))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            send(exchange, response.statusCode(), "application/json; charset=utf-8", response.body());
        } catch (IOException | InterruptedException e) {
            json(exchange, 502, Map.of("error", "the instance holding " + agency + " (" + host.host() + ":" + host.port()
                    + ") did not answer: " + e.getMessage()));
        }
    }

    private Map<?, ?> fetch(HostInfo host, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
                + pathAndQuery)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return JSON.readValue(response.body(), Map.class);
    }

    private static void resource(HttpExchange exchange, String name, String type) throws IOException {
        try (InputStream in = QueryServer.class.getResourceAsStream(name)) {
            if (in == null) {
                send(exchange, 404, "text/plain", ("missing resource " + name).getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, type, in.readAllBytes());
        }
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
