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

    /**
     * A canned answer for one path, for hostile-server cases: any status, headers and body, the body
     * optionally trickled out one byte every {@code millisPerByte}.
     */
    public record Response(int status, Map<String, String> headers, byte[] body, long millisPerByte) {

        public static Response of(int status, String contentType, byte[] body) {
            return new Response(status, Map.of("Content-Type", contentType), body, 0);
        }

        public static Response redirect(int status, String location) {
            return new Response(status, Map.of("Location", location), new byte[0], 0);
        }

        /** A gzip-encoded body that inflates to {@code inflatedBytes} zero bytes. */
        public static Response gzipBomb(long inflatedBytes) {
            java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(packed)) {
                byte[] zeros = new byte[1 << 20];
                for (long left = inflatedBytes; left > 0; left -= zeros.length) {
                    gzip.write(zeros, 0, (int) Math.min(zeros.length, left));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new Response(200, Map.of("Content-Type", "text/html", "Content-Encoding", "gzip"), packed.toByteArray(), 0);
        }

        public Response trickled(long millisPerByte) {
            return new Response(status, headers, body, millisPerByte);
        }
    }

    /** The two content-management systems most county portals run on. */
    public enum Template {
        /** TRS WCM: {@code index_1.html} pagination, reports under the column as {@code ./202501/t20250120_N.html}. */
        TRS,
        /** Hanweb (大汉): a link table, {@code ?uid=…&pageNum=2} pagination, reports at {@code /art/2025/1/20/art_1229_N.html} inside a {@code #zoom} frame. */
        HANWEB
    }

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
        private volatile boolean gzip;
        private volatile Template template = Template.TRS;
        private volatile boolean sitemap;
        private final List<String[]> unlisted = new CopyOnWriteArrayList<>(); // {path, html, title}
        private final Map<String, Response> canned = new ConcurrentHashMap<>();

        private Site(String id, String host, HttpServer server, Charset charset) {
            this.id = id;
            this.host = host;
            this.server = server;
            this.charset = charset;
        }

        public String id() {
            return id;
        }

        /** The host its requests are logged under in {@link Hit#host()}. */
        public String host() {
            return host;
        }

        /** Base URL, e.g. {@code http://127.0.0.5:41234}. */
        public String baseUrl() {
            return "http://" + host + ":" + server.getAddress().getPort();
        }

        /** The report column's first list page. */
        public String columnUrl() {
            return baseUrl() + "/zfxxgk/zfxxgknb/index.html";
        }

        /** The CMS this portal imitates; set it before publishing. */
        public void template(Template template) {
            this.template = template;
        }

        /** Publishes a report page and returns its URL. */
        public String publish(String title, String html) {
            String path = template == Template.HANWEB
                    ? "/art/2025/1/20/art_1229_" + (1000 + reports.size()) + ".html"
                    : "/zfxxgk/zfxxgknb/202501/t20250120_" + (1000 + reports.size()) + ".html";
            if (template == Template.HANWEB) {
                html = hanwebFrame(title, html);
            }
            reports.add(new String[] {path, html, title});
            return baseUrl() + path;
        }

        /** Publishes a report that no list page links to; only the sitemap names it. */
        public String publishUnlisted(String title, String html) {
            String path = "/zfxxgk/zfxxgknb/202502/t20250228_" + (5000 + unlisted.size()) + ".html";
            unlisted.add(new String[] {path, html, title});
            return baseUrl() + path;
        }

        /** While on, robots.txt names {@code /sitemap.xml}, which lists every report, listed or not. */
        public void sitemap(boolean on) {
            this.sitemap = on;
        }

        /** While on, HTML answers are gzip-encoded for clients that accept it. */
        public void gzip(boolean on) {
            this.gzip = on;
        }

        /** Answers {@code path} with {@code response} from now on. */
        public void serve(String path, Response response) {
            canned.put(path, response);
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

        /** Reports published with {@link #publishUnlisted}. */
        public List<String> unlistedUrls() {
            return unlisted.stream().map(r -> baseUrl() + r[0]).toList();
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
        Response cannedResponse = site.canned.get(path);
        if (cannedResponse != null) {
            sendCanned(exchange, cannedResponse);
            return cannedResponse.status();
        }
        if (path.equals("/robots.txt")) {
            String robots = site.sitemap ? site.robots + "\nSitemap: " + site.baseUrl() + "/sitemap.xml\n" : site.robots;
            send(exchange, 200, "text/plain", robots.getBytes(StandardCharsets.UTF_8), null);
            return 200;
        }
        if (path.equals("/sitemap.xml") && site.sitemap) {
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
            xml.append("<url><loc>").append(site.columnUrl()).append("</loc></url>\n");
            for (List<String[]> group : List.of(site.reports, site.unlisted)) {
                for (String[] report : group) {
                    xml.append("<url><loc>").append(site.baseUrl()).append(report[0]).append("</loc></url>\n");
                }
            }
            xml.append("<url><loc>").append(site.baseUrl()).append("/zfxxgk/tzgg/t20250101_1.html</loc></url>\n</urlset>\n");
            send(exchange, 200, "application/xml", xml.toString().getBytes(StandardCharsets.UTF_8), null);
            return 200;
        }
        String html = null;
        if (path.matches("/zfxxgk/zfxxgknb/index(_\\d+)?\\.html")) {
            int page = path.contains("_") ? Integer.parseInt(path.replaceAll(".*index_(\\d+)\\.html", "$1")) : 0;
            String query = exchange.getRequestURI().getRawQuery();
            if (site.template == Template.HANWEB) {
                page = query != null && query.matches(".*pageNum=\\d+.*") ? Integer.parseInt(query.replaceAll(".*pageNum=(\\d+).*", "$1")) - 1 : 0;
            }
            html = site.template == Template.HANWEB ? hanwebListPage(site, page) : listPage(site, page);
        } else {
            for (List<String[]> group : List.of(site.reports, site.unlisted)) {
                for (String[] report : group) {
                    if (report[0].equals(path)) {
                        html = report[1];
                    }
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
        Map<String, String> headers = new java.util.HashMap<>(Map.of("ETag", etag, "Last-Modified", HTTP_DATE.format(lastModified)));
        String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (site.gzip && accepted != null && accepted.contains("gzip")) {
            java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(packed)) {
                out.write(body);
            }
            body = packed.toByteArray();
            headers.put("Content-Encoding", "gzip");
        }
        send(exchange, 200, contentType, body, headers);
        return 200;
    }

    /** A report inside Hanweb's chrome: its title bar, the article in {@code #zoom}, the footer. */
    private static String hanwebFrame(String title, String html) {
        String body = html.replaceFirst("(?s).*?<body[^>]*>", "").replaceFirst("(?s)</body>.*", "");
        java.util.regex.Matcher date = java.util.regex.Pattern.compile("name=\"PubDate\" content=\"([^\"]+)\"").matcher(html);
        String published = date.find() ? date.group(1) : "2025-01-20 09:30";
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title>"
                + "<meta name=\"ArticleTitle\" content=\"" + title + "\"><meta name=\"PubDate\" content=\"" + published + "\">"
                + "</head><body><div class=\"header\"><a href=\"/\">首页</a> &gt; <a href=\"/col/col1229/index.html\">政府信息公开年报</a></div>"
                + "<table class=\"main\"><tr><td class=\"bt_title\">" + title + "</td></tr><tr><td><div id=\"zoom\">" + body
                + "</div></td></tr></table><div class=\"footer\">主办单位：测试县人民政府办公室</div></body></html>";
    }

    /** Hanweb's column: a table of links and {@code ?uid=…&pageNum=N} pagination with 下一页 / 尾页. */
    private static String hanwebListPage(Site site, int page) {
        List<String[]> reports = site.reports;
        int pages = Math.max(1, (reports.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        StringBuilder html = new StringBuilder("<html><head><meta charset=\"utf-8\"><title>政府信息公开年报</title></head><body>"
                + "<div id=\"4507371\"><table class=\"list\">");
        for (int i = reports.size() - 1 - page * PAGE_SIZE; i >= 0 && i > reports.size() - 1 - (page + 1) * PAGE_SIZE; i--) {
            String[] report = reports.get(i);
            html.append("<tr><td><a href=\"").append(report[0]).append("\" target=\"_blank\" title=\"").append(report[2])
                    .append("\">").append(report[2]).append("</a></td><td>2025-01-20</td></tr>");
        }
        html.append("<tr><td><a href=\"/art/2025/1/1/art_1230_1.html\">县政府常务会议纪要</a></td></tr></table>");
        html.append("<div class=\"pagination\">");
        if (page + 1 < pages) {
            html.append("<a href=\"?uid=4507371&pageNum=").append(page + 2).append("\">下一页</a> ");
            html.append("<a href=\"?uid=4507371&pageNum=").append(pages).append("\">尾页</a>");
        }
        return html.append("</div></div></body></html>").toString();
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

    private void sendCanned(HttpExchange exchange, Response response) throws IOException {
        if (response.millisPerByte() <= 0) {
            send(exchange, response.status(), null, response.body(), response.headers());
            return;
        }
        Hit arrival = (Hit) exchange.getAttribute(ARRIVAL);
        hits.add(new Hit(arrival.host(), arrival.path(), arrival.nanoTime(), response.status()));
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            for (byte b : response.body()) {
                out.write(b);
                out.flush();
                Thread.sleep(response.millisPerByte());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up on the trickle, as it should.
        }
        exchange.close();
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
