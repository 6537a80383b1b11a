package dev.govwatch.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * County portals on loopback, for tests, benchmarks and the demo: each portal is its own host
 * (127.0.0.N), with a 政府信息公开年报 column paginated TRS-style ({@code index.html},
 * {@code index_1.html} …), report pages built from {@link Report2021Page}, robots.txt, ETag and
 * Last-Modified with 304 answers, pages in UTF-8 or GBK, and on demand the anti-bot challenge
 * (HTTP 412 with a {@code $_ts} script). Reports can be published while it runs. Every request is
 * logged with its arrival time, so politeness can be measured.
 */
public final class PortalSimulator implements AutoCloseable {

    /** Links per list page, as TRS columns commonly show. */
    static final int PAGE_SIZE = 10;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** One request as the server saw it. */
    public record Hit(String host, String path, long nanoTime, int status) {
    }

    /** A simulated portal. */
    public final class Site {
        private final String id;
        private final String host;
        private final HttpServer server;
        private final Charset charset;
        private final List<String[]> reports = new CopyOnWriteArrayList<>(); // {path, html}
        private volatile String robots = "User-agent: *\nAllow: /\n";
        private volatile boolean challenge;
        private final java.util.concurrent.atomic.AtomicInteger throttled = new java.util.concurrent.atomic.AtomicInteger();
        private volatile int retryAfterSeconds;

        private Site(String id, String host, HttpServer server, Charset charset) {
            this.id = id;
            this.host = host;
            this.server = server;
            this.charset = charset;
        }

        public String id() {
            return id;
        }

        /** Base URL, e.g. {@code http://127.0.0.5:41234}. */
        public String baseUrl() {
            return "http://" + host + ":" + server.getAddress().getPort();
        }

        /** The report column's first list page. */
        public String columnUrl() {
            return baseUrl() + "/zfxxgk/zfxxgknb/index.html";
        }

        /** Publishes a report page and returns its URL. */
        public String publish(String title, String html) {
            String path = "/zfxxgk/zfxxgknb/202501/t20250120_" + (1000 + reports.size()) + ".html";
            reports.add(new String[] {path, html, title});
            return baseUrl() + path;
        }

        /** Replaces a published page's content (a change after publication). */
        public void edit(String url, String html) {
            for (String[] report : reports) {
                if (url.endsWith(report[0])) {
                    report[1] = html;
                }
            }
        }

        public void robots(String robotsTxt) {
            this.robots = robotsTxt;
        }

        /** While on, every request is answered with a 瑞数-style challenge (HTTP 412, {@code $_ts}). */
        public void challenge(boolean on) {
            this.challenge = on;
        }

        /** The next {@code requests} requests are answered 429 with {@code Retry-After: seconds}. */
        public void throttle(int requests, int seconds) {
            this.retryAfterSeconds = seconds;
            this.throttled.set(requests);
        }

        public List<String> reportUrls() {
            return reports.stream().map(r -> baseUrl() + r[0]).toList();
        }
    }

    private static final String ARRIVAL = "govwatch.arrival";

    private final List<Site> sites = new CopyOnWriteArrayList<>();
    /** Shared by all sites when given, so that thousands of sites do not bring thousands of pools. */
    private final java.util.concurrent.Executor sharedExecutor;

    /** Each site gets a small pool of its own. */
    public PortalSimulator() {
        this(null);
    }

    /** All sites answer on {@code executor} (for simulations with thousands of portals). */
    public PortalSimulator(java.util.concurrent.Executor executor) {
        this.sharedExecutor = executor;
    }
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> modified = new ConcurrentHashMap<>();

    /**
     * Adds a portal on its own loopback address.
     *
     * @param index distinguishes the host: 127.0.0.(index + 2), index 0 … 250
     */
    public Site addSite(String id, int index, Charset charset) throws IOException {
        String host = "127.0." + (index / 250) + "." + (index % 250 + 2);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 64);
        Site site = new Site(id, host, server, charset);
        server.createContext("/", exchange -> handle(site, exchange));
        server.setExecutor(sharedExecutor != null ? sharedExecutor : Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "portal-" + id);
            t.setDaemon(true);
            return t;
        }));
        server.start();
        sites.add(site);
        return site;
    }

    public List<Site> sites() {
        return sites;
    }

    public List<Hit> hits() {
        return new ArrayList<>(hits);
    }

    @Override
    public void close() {
        for (Site site : sites) {
            site.server.stop(0);
        }
    }

    private void handle(Site site, HttpExchange exchange) throws IOException {
        // Logged with the arrival time, and before the response goes out, so that a client that has
        // its answer always finds its request in the log.
        exchange.setAttribute(ARRIVAL, new Hit(site.host, exchange.getRequestURI().getPath(), System.nanoTime(), 0));
        try {
            respond(site, exchange, exchange.getRequestURI().getPath());
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", e.toString().getBytes(StandardCharsets.UTF_8), null);
        }
    }

    private int respond(Site site, HttpExchange exchange, String path) throws IOException {
        if (site.challenge) {
            byte[] body = ("<html><head><script>var $_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=84103;</script>"
                    + "</head><body></body></html>").getBytes(StandardCharsets.UTF_8);
            send(exchange, 412, "text/html", body, null);
            return 412;
        }
        if (!path.equals("/robots.txt") && site.throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            send(exchange, 429, "text/plain", "slow down".getBytes(StandardCharsets.UTF_8),
                    Map.of("Retry-After", Integer.toString(site.retryAfterSeconds)));
            return 429;
        }
        if (path.equals("/robots.txt")) {
            send(exchange, 200, "text/plain", site.robots.getBytes(StandardCharsets.UTF_8), null);
            return 200;
        }
        String html = null;
        if (path.matches("/zfxxgk/zfxxgknb/index(_\\d+)?\\.html")) {
            int page = path.contains("_") ? Integer.parseInt(path.replaceAll(".*index_(\\d+)\\.html", "$1")) : 0;
            html = listPage(site, page);
        } else {
            for (String[] report : site.reports) {
                if (report[0].equals(path)) {
                    html = report[1];
                }
            }
        }
        if (html == null) {
            send(exchange, 404, "text/html", "<html><body>404</body></html>".getBytes(StandardCharsets.UTF_8), null);
            return 404;
        }
        String declared = site.charset.equals(StandardCharsets.UTF_8) ? "utf-8" : "gbk";
        byte[] body = html.replace("<meta charset=\"utf-8\">", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset="
                + declared + "\">").getBytes(site.charset);
        String etag = "\"" + sha256(body).substring(0, 16) + "\"";
        Instant lastModified = modified.computeIfAbsent(site.id + path + etag, k -> Instant.now());
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            send(exchange, 304, null, null, Map.of("ETag", etag));
            return 304;
        }
        // GBK portals typically send no charset in the header: the page's meta tag must be read.
        String contentType = site.charset.equals(StandardCharsets.UTF_8) ? "text/html; charset=UTF-8" : "text/html";
        send(exchange, 200, contentType, body, Map.of("ETag", etag, "Last-Modified", HTTP_DATE.format(lastModified)));
        return 200;
    }

    private static String listPage(Site site, int page) {
        List<String[]> reports = site.reports;
        int pages = Math.max(1, (reports.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        StringBuilder html = new StringBuilder("<html><head><meta charset=\"utf-8\"><title>政府信息公开年报</title></head><body>"
                + "<div class=\"list\"><ul>");
        // Newest first, as portals list them.
        for (int i = reports.size() - 1 - page * PAGE_SIZE; i >= 0 && i > reports.size() - 1 - (page + 1) * PAGE_SIZE; i--) {
            String[] report = reports.get(i);
            html.append("<li><a href=\"").append(report[0].substring(report[0].indexOf("/202501"))
                    .replaceFirst("^/", "./")).append("\" title=\"").append(report[2]).append("\">").append(report[2])
                    .append("</a><span>2025-01-20</span></li>");
        }
        html.append("<li><a href=\"/zfxxgk/tzgg/t20250101_1.html\">关于做好春节期间安全生产工作的通知</a></li>");
        html.append("</ul></div><div class=\"page\">");
        for (int p = 0; p < pages; p++) {
            html.append("<a href=\"").append(p == 0 ? "index.html" : "index_" + p + ".html").append("\">").append(p + 1).append("</a> ");
        }
        return html.append("</div></body></html>").toString();
    }

    private void send(HttpExchange exchange, int status, String contentType, byte[] body, Map<String, String> headers)
            throws IOException {
        Hit arrival = (Hit) exchange.getAttribute(ARRIVAL);
        hits.add(new Hit(arrival.host(), arrival.path(), arrival.nanoTime(), status));
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (headers != null) {
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        }
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
