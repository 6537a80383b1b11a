package dev.govwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.govwatch.validator.metrics.MetricsView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code govwatch metrics}: the disclosure metrics of a place and of the places under it, from a
 * running validator's query API ({@code govwatch run} serves it on port 8470): the validator keeps
 * the sums as reports arrive, so this asks, it does not re-read reports.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Disclosure metrics (实质公开率, 不予公开率, 复议纠错率 …) of a place and the places under it, each rate with its n "
                + "and Wilson 95%% interval; rates over fewer than 10 cases are marked '*' and not ranked.",
            "Asks a running validator's query API (govwatch run, or govwatch validator --http-port)."})
final class MetricsCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    private CommandSpec spec;

    @Option(names = "--api", defaultValue = "http://127.0.0.1:8470",
            description = "The validator's query API (default: ${DEFAULT-VALUE}, where govwatch run serves it).")
    private URI api;

    @Option(names = "--region", description = "A province, prefecture or county, by name or 行政区划代码 (default: the whole country).")
    private String region;

    @Option(names = "--year", description = "Report year (default: the year now due).")
    private Integer year;

    @Option(names = "--level", defaultValue = "ALL",
            description = "ALL (default) or an agency level: PROVINCE, CITY, COUNTY, DEPARTMENT, TOWN.")
    private String level;

    @Option(names = "--format", defaultValue = "text", description = "text (default), json or csv.")
    private String format;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String f = format.toLowerCase(Locale.ROOT);
        if (!List.of("text", "json", "csv").contains(f)) {
            err.println("govwatch metrics: --format is text, json or csv, not '" + format + "'");
            return 2;
        }
        StringBuilder query = new StringBuilder("/api/metrics?level=").append(encode(level));
        if (year != null) {
            query.append("&year=").append(year);
        }
        if (region != null) {
            query.append("&region=").append(encode(region));
        }
        URI uri = api.resolve(query.toString());
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println("govwatch metrics: no query API at " + api + " (start govwatch run, or give --api URL)");
            return 1;
        }
        if (response.statusCode() != 200) {
            Object message = response.body();
            try {
                message = JSON.readValue(response.body(), Map.class).getOrDefault("error", response.body());
            } catch (IOException notJson) {
                // the body as it came
            }
            err.println("govwatch metrics: " + message + " (HTTP " + response.statusCode() + " from " + uri + ")");
            return 1;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> view = JSON.readValue(response.body(), Map.class);
        switch (f) {
            case "json" -> out.println(JSON.writeValueAsString(view));
            case "csv" -> csv(out, view);
            default -> text(out, view);
        }
        out.flush();
        if (Boolean.TRUE.equals(view.get("partial"))) {
            err.println("govwatch metrics: some validator instances did not answer; the figures leave their agencies out");
            return 3;
        }
        return 0;
    }

    private static void text(PrintWriter out, Map<String, Object> view) {
        Map<?, ?> place = (Map<?, ?>) view.get("place");
        out.printf("%s %s, %s reports on %s (level %s)%n", place.get("name"), "(" + place.get("key") + ")", view.get("reports"),
                view.get("year"), view.get("level"));
        for (Map.Entry<String, String> rate : MetricsView.RATES.entrySet()) {
            Map<?, ?> r = (Map<?, ?>) ((Map<?, ?>) view.get("metrics")).get(rate.getKey());
            out.printf("  %-8s %s%n", rate.getValue(), rate(r));
        }
        Map<?, ?> alerts = (Map<?, ?>) view.get("openAlerts");
        out.printf("  open alerts: MISSING %s, LATE %s, INCONSISTENT %s%n", alerts.get("MISSING"), alerts.get("LATE"),
                alerts.get("INCONSISTENT"));
        List<?> children = (List<?>) view.get("children");
        if (children.isEmpty()) {
            return;
        }
        out.println();
        StringBuilder header = new StringBuilder(String.format("%-12s %-8s", "PLACE", "REPORTS"));
        MetricsView.RATES.values().forEach(label -> header.append(String.format(" %-24s", label)));
        out.println(header.toString().stripTrailing());
        for (Object o : children) {
            Map<?, ?> child = (Map<?, ?>) o;
            Map<?, ?> p = (Map<?, ?>) child.get("place");
            StringBuilder line = new StringBuilder(String.format("%-12s %-8s", p.get("name") == null ? p.get("key") : p.get("name"),
                    child.get("reports")));
            for (String name : MetricsView.RATES.keySet()) {
                line.append(String.format(" %-24s", rate((Map<?, ?>) ((Map<?, ?>) child.get("metrics")).get(name))));
            }
            out.println(line.toString().stripTrailing());
        }
        out.println("(* fewer than 10 cases: shown, not ranked)");
    }

    /** {@code 62.5% [40.9–80.0] n=16}, with a star when not ranked, {@code –} when there is nothing to divide. */
    private static String rate(Map<?, ?> r) {
        if (r.get("value") == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f%% [%.1f–%.1f] n=%s%s", 100 * ((Number) r.get("value")).doubleValue(),
                100 * ((Number) r.get("low")).doubleValue(), 100 * ((Number) r.get("high")).doubleValue(), r.get("n"),
                Boolean.TRUE.equals(r.get("ranked")) ? "" : "*");
    }

    /** One line per place (the place asked for, then those under it), one column group per rate. */
    private static void csv(PrintWriter out, Map<String, Object> view) {
        List<String> header = new ArrayList<>(List.of("year", "level", "place_key", "place_name", "place_level", "reports"));
        for (String name : MetricsView.RATES.keySet()) {
            header.addAll(List.of(name, name + "_n", name + "_low", name + "_high", name + "_ranked"));
        }
        header.addAll(List.of("open_missing", "open_late", "open_inconsistent"));
        out.println(String.join(",", header));
        List<Map<?, ?>> rows = new ArrayList<>();
        rows.add(view);
        for (Object child : (List<?>) view.get("children")) {
            rows.add((Map<?, ?>) child);
        }
        for (Map<?, ?> row : rows) {
            Map<?, ?> p = (Map<?, ?>) row.get("place");
            List<String> cells = new ArrayList<>(List.of(String.valueOf(view.get("year")), String.valueOf(view.get("level")),
                    cell(p.get("key")), cell(p.get("name")), cell(p.get("level")), cell(row.get("reports"))));
            for (String name : MetricsView.RATES.keySet()) {
                Map<?, ?> r = (Map<?, ?>) ((Map<?, ?>) row.get("metrics")).get(name);
                cells.addAll(List.of(cell(r.get("value")), cell(r.get("n")), cell(r.get("low")), cell(r.get("high")), cell(r.get("ranked"))));
            }
            Map<?, ?> alerts = (Map<?, ?>) row.get("openAlerts");
            cells.addAll(List.of(cell(alerts.get("MISSING")), cell(alerts.get("LATE")), cell(alerts.get("INCONSISTENT"))));
            out.println(String.join(",", cells));
        }
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
