package dev.govwatch.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Portals at national size for the crawl benchmark: N hosts, each with C report columns of R
 * reports, laid out in turn as TRS (paginated {@code index_1.html}), Hanweb ({@code ?pageNum=}
 * pagination, {@code /art/} reports) and JCMS (one long list), every fourth host in GBK without a
 * charset header. Pages are computed from their paths, not stored, so that a million report URLs
 * cost no memory; every page carries an ETag and Last-Modified and answers a conditional request
 * with 304. Counts requests per host, 304 answers and body bytes.
 */
public final class NationalPortals implements AutoCloseable {

    /** List pages of TRS and Hanweb columns hold this many reports; JCMS lists them all. */
    static final int PAGE_SIZE = 6;
    private static final String LAST_MODIFIED = "Mon, 20 Jan 2025 01:30:00 GMT";

    private static final java.util.regex.Pattern TRS_LIST = java.util.regex.Pattern.compile("/zfxxgk/bm(\\d+)/zfxxgknb/index(?:_(\\d+))?\\.html");
    private static final java.util.regex.Pattern TRS_REPORT = java.util.regex.Pattern.compile("/zfxxgk/bm(\\d+)/zfxxgknb/202501/t20250120_(\\d+)\\.html");
    private static final java.util.regex.Pattern HANWEB_LIST = java.util.regex.Pattern.compile("/col/col(\\d+)/index\\.html");
    private static final java.util.regex.Pattern HANWEB_REPORT = java.util.regex.Pattern.compile("/art/2025/1/20/art_(\\d+)_(\\d+)\\.html");
    private static final java.util.regex.Pattern JCMS_LIST = java.util.regex.Pattern.compile("/module/xxgk/AnnualReport_(\\d+)\\.html");
    private static final java.util.regex.Pattern JCMS_REPORT = java.util.regex.Pattern.compile("/module/xxgk/info_(\\d+)\\.html");

    private final int columns;
    private final int reports;
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<List<String>> columnUrls = new ArrayList<>();
    private final AtomicIntegerArray perHost;
    private final LongAdder requests = new LongAdder();
    private final LongAdder notModified = new LongAdder();
    private final LongAdder bodyBytes = new LongAdder();
    private final byte[] reportUtf8;
    private final byte[] reportGbk;

    /** Starts {@code hosts} portals on loopback addresses 127.0.x.y, answering on {@code executor}. */
    public NationalPortals(int hosts, int columns, int reports, Executor executor) throws IOException {
        this.columns = columns;
        this.reports = reports;
        this.perHost = new AtomicIntegerArray(hosts);
        String html = new Report2021Page(1).html;
        this.reportUtf8 = html.getBytes(StandardCharsets.UTF_8);
        this.reportGbk = html.replace("<meta charset=\"utf-8\">",
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">").getBytes(Charset.forName("GBK"));
        for (int h = 0; h < hosts; h++) {
            String host = "127.0." + (h / 250) + "." + (h % 250 + 2);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 128);
            int index = h;
            server.createContext("/", exchange -> handle(index, exchange));
            server.setExecutor(executor);
            server.start();
            servers.add(server);
            String base = "http://" + host + ":" + server.getAddress().getPort();
            List<String> urls = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                urls.add(base + columnPath(family(h), c));
            }
            columnUrls.add(urls);
        }
    }

    /** The first list page of each column, by host. */
    public List<List<String>> columnUrls() {
        return columnUrls;
    }

    /** The CMS family host {@code h} imitates. */
    public static PortalTree.Family family(int h) {
        return PortalTree.Family.values()[h % 3];
    }

    private static boolean gbk(int h) {
        return h % 4 == 3;
    }

    /** {@code requests=… busiest=… notModified=… bytes=…}, since the start or the last reset. */
    public String stats() {
        int busiest = 0;
        for (int h = 0; h < perHost.length(); h++) {
            busiest = Math.max(busiest, perHost.get(h));
        }
        return "requests=" + requests.sum() + " busiest=" + busiest + " notModified=" + notModified.sum()
                + " bytes=" + bodyBytes.sum();
    }

    /** Starts the counts again, for a second sweep. */
    public void reset() {
        for (int h = 0; h < perHost.length(); h++) {
            perHost.set(h, 0);
        }
        requests.reset();
        notModified.reset();
        bodyBytes.reset();
    }

    private static String columnPath(PortalTree.Family family, int c) {
        return switch (family) {
            case TRS -> "/zfxxgk/bm" + c + "/zfxxgknb/index.html";
            case HANWEB -> "/col/col" + (2000 + c) + "/index.html";
            case JCMS -> "/module/xxgk/AnnualReport_" + c + ".html";
        };
    }

    private void handle(int h, HttpExchange exchange) throws IOException {
        perHost.incrementAndGet(h);
        requests.increment();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        byte[] body;
        boolean html = true;
        if (path.equals("/robots.txt")) {
            body = "User-agent: *\nAllow: /\n".getBytes(StandardCharsets.UTF_8);
            html = false;
        } else {
            body = page(h, path, query);
        }
        if (body == null) {
            send(exchange, 404, "text/html", "<html><body>404</body></html>".getBytes(StandardCharsets.UTF_8), null);
            return;
        }
        String etag = "\"" + Integer.toHexString((path + '?' + query).hashCode()) + "\"";
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))
                || LAST_MODIFIED.equals(exchange.getRequestHeaders().getFirst("If-Modified-Since"))) {
            notModified.increment();
            send(exchange, 304, null, null, etag);
            return;
        }
        // GBK portals typically send no charset in the header: the page's meta tag must be read.
        send(exchange, 200, !html ? "text/plain" : gbk(h) ? "text/html" : "text/html; charset=UTF-8", body, etag);
    }

    private byte[] page(int h, String path, String query) {
        PortalTree.Family family = family(h);
        Charset charset = gbk(h) ? Charset.forName("GBK") : StandardCharsets.UTF_8;
        java.util.regex.Matcher m;
        switch (family) {
            case TRS -> {
                if ((m = match(TRS_LIST, path)) != null) {
                    int page = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                    return list(h, column(m.group(1)), page, PAGE_SIZE, charset);
                }
                if ((m = match(TRS_REPORT, path)) != null) {
                    return report(h, column(m.group(1)), Integer.parseInt(m.group(2)) % 100);
                }
            }
            case HANWEB -> {
                if ((m = match(HANWEB_LIST, path)) != null) {
                    int page = query != null && query.matches(".*pageNum=\\d+.*")
                            ? Integer.parseInt(query.replaceAll(".*pageNum=(\\d+).*", "$1")) - 1 : 0;
                    return list(h, column(Integer.toString(Integer.parseInt(m.group(1)) - 2000)), page, PAGE_SIZE, charset);
                }
                if ((m = match(HANWEB_REPORT, path)) != null) {
                    return report(h, column(Integer.toString(Integer.parseInt(m.group(1)) - 2000)), Integer.parseInt(m.group(2)));
                }
            }
            case JCMS -> {
                if ((m = match(JCMS_LIST, path)) != null) {
                    return list(h, column(m.group(1)), 0, Integer.MAX_VALUE, charset);
                }
                if ((m = match(JCMS_REPORT, path)) != null) {
                    int id = Integer.parseInt(m.group(1));
                    return report(h, id / 100 < columns ? id / 100 : -1, id % 100);
                }
            }
            default -> throw new IllegalStateException(family.name());
        }
        return null;
    }

    private int column(String digits) {
        int c = Integer.parseInt(digits);
        return c >= 0 && c < columns ? c : -1;
    }

    private byte[] report(int h, int column, int r) {
        if (column < 0 || r >= reports) {
            return null;
        }
        return gbk(h) ? reportGbk : reportUtf8;
    }

    private static java.util.regex.Matcher match(java.util.regex.Pattern pattern, String path) {
        java.util.regex.Matcher m = pattern.matcher(path);
        return m.matches() ? m : null;
    }

    private byte[] list(int h, int column, int page, int pageSize, Charset charset) {
        if (column < 0) {
            return null;
        }
        PortalTree.Family family = family(h);
        int pages = Math.max(1, (reports + pageSize - 1) / pageSize);
        if (page >= pages) {
            return null;
        }
        String declared = charset.equals(StandardCharsets.UTF_8) ? "utf-8" : "gbk";
        StringBuilder html = new StringBuilder("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=")
                .append(declared).append("\"><title>政府信息公开年报</title></head><body><div class=\"list\"><ul>");
        for (int r = page * pageSize; r < Math.min(reports, (page + 1L) * pageSize); r++) {
            String href = switch (family) {
                case TRS -> "./202501/t20250120_" + (column * 100 + r) + ".html";
                case HANWEB -> "/art/2025/1/20/art_" + (2000 + column) + "_" + r + ".html";
                case JCMS -> "/module/xxgk/info_" + (column * 100 + r) + ".html";
            };
            String title = "第" + column + "单位" + (2024 - r) + "年政府信息公开工作年度报告";
            html.append("<li><a href=\"").append(href).append("\" title=\"").append(title).append("\">").append(title)
                    .append("</a><span>").append(2025 - r).append("-01-20</span></li>");
        }
        html.append("<li><a href=\"/zfxxgk/tzgg/t20250101_1.html\">关于做好春节期间安全生产工作的通知</a></li></ul></div><div class=\"page\">");
        for (int p = 1; p < pages; p++) {
            html.append(switch (family) {
                case TRS -> "<a href=\"index_" + p + ".html\">" + (p + 1) + "</a> ";
                case HANWEB -> "<a href=\"?uid=4507371&pageNum=" + (p + 1) + "\">" + (p + 1) + "</a> ";
                case JCMS -> "";
            });
        }
        return html.append("</div></body></html>").toString().getBytes(charset);
    }

    private void send(HttpExchange exchange, int status, String contentType, byte[] body, String etag) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (etag != null) {
            exchange.getResponseHeaders().set("ETag", etag);
            exchange.getResponseHeaders().set("Last-Modified", LAST_MODIFIED);
        }
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            bodyBytes.add(body.length);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
    }
}
