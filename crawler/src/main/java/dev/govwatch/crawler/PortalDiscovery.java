package dev.govwatch.crawler;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import dev.govwatch.schemas.AgencyLevel;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.Region;

/**
 * Finds a portal's annual-report columns from its home page: the 政府信息公开 platform, the
 * government's own 年报 column, and, through the directories of departments and towns, each body's
 * column — following links by their text (政府信息公开, 部门信息公开, a body's name, 年报) and by the
 * paths the common CMS families give these pages (TRS {@code zfxxgk/…}, Hanweb {@code col/colNNN},
 * JCMS {@code module/xxgk}), breadth first, on the portal's host, to a depth and page budget, every
 * request through the crawler (robots.txt, the per-host delay, the address guard). A page counts
 * as a report column only when it lists at least one report; the body it belongs to is the one
 * whose link led to it.
 */
public final class PortalDiscovery {

    /** A report column found: its list page, the body it belongs to, and the way it was reached. */
    public record Column(String url, String agency, AgencyLevel level, List<String> trail, int reports) {
    }

    /** What a discovery found on one portal. */
    public record Found(String home, String name, List<Column> columns, int pagesRead, List<String> problems) {
    }

    /** Links to the platform and its directories, by their text. */
    private static final Pattern NAVIGATION_TEXT = Pattern.compile("信息公开|政务公开|公开目录|部门|乡镇|街道|下一页|^\\d+$|尾页");
    /** The same by the paths CMS families give them. */
    private static final Pattern NAVIGATION_PATH = Pattern.compile(
            "(?i)/(zfxxgk|xxgk|bmxxgk|xzxxgk|xxgkml|gkml)(/|$)|/col/col\\d+/|/module/xxgk/|index_\\d+\\.s?html?$|[?&]pagenum=");
    /** A link to a report column: 年报 or 年度报告 without a year (a report's own link names its year). */
    private static final Pattern COLUMN_TEXT = Pattern.compile("年报|年度报告");
    private static final Pattern YEAR = Pattern.compile("(19|20)\\d{2}");
    /** A body's name as a directory lists it. */
    private static final Pattern BODY_NAME = Pattern.compile(
            "^[\\u4e00-\\u9fa5（）()]{2,24}?(局|委员会|委|办公室|办|中心|院|所|站|队|镇|乡|街道|街道办事处|人民政府|政府|管委会|管理委员会)$");
    private static final Pattern TOWN = Pattern.compile("(镇|乡|街道|街道办事处)(人民政府)?$");
    /** The site's name in its title: 示范县人民政府门户网站 → 示范县人民政府. */
    private static final Pattern SITE_SUFFIX = Pattern.compile("(门户网站|门户网|网站|首页|官网)$");

    /** How deep and how wide a discovery the crawler starts on its own (home-only or drifted portals) reads. */
    static final int DEFAULT_MAX_DEPTH = 6;
    static final int DEFAULT_MAX_PAGES = 500;

    private final Crawler crawler;
    private final int maxDepth;
    private final int maxPages;

    /**
     * @param maxDepth links followed from the home page at most
     * @param maxPages pages read per portal at most
     */
    public PortalDiscovery(Crawler crawler, int maxDepth, int maxPages) {
        this.crawler = crawler;
        this.maxDepth = maxDepth;
        this.maxPages = maxPages;
    }

    private record Visit(String url, int depth, String owner, List<String> trail, boolean column) {
    }

    /** Discovers the columns reachable from {@code home}; blocks while the crawler fetches politely. */
    public Found discover(String home, long hostDelayMillis, boolean allowPrivateAddresses) throws InterruptedException {
        Portal portal = Portal.newBuilder().setId("discovery").setName("discovery").setRegion(Region.newBuilder().build())
                .setListPages(List.of()).setHostDelayMillis(hostDelayMillis).setAllowPrivateAddresses(allowPrivateAddresses).build();
        String host = URI.create(home).getHost();
        Deque<Visit> queue = new ArrayDeque<>();
        Set<String> seen = new LinkedHashSet<>();
        queue.add(new Visit(home, 0, null, List.of("首页"), false));
        seen.add(home);
        Map<String, Column> columns = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String name = null;
        int read = 0;
        while (!queue.isEmpty() && read < maxPages) {
            Visit visit = queue.poll();
            Optional<FetchResult> result;
            try {
                result = crawler.fetch(portal, visit.url(), null, null).get();
            } catch (ExecutionException e) {
                problems.add(visit.url() + ": " + e.getCause());
                continue;
            }
            read++;
            if (result.isEmpty()) {
                problems.add(visit.url() + ": robots.txt disallows it");
                continue;
            }
            FetchResult r = result.get();
            if (r.status() != 200) {
                problems.add(visit.url() + ": " + (r.error() != null ? r.error() : "HTTP " + r.status()));
                continue;
            }
            Document doc = Jsoup.parse(new String(r.body(), Crawler.charsetOf(r, portal)), r.url());
            if (visit.depth() == 0) {
                name = siteName(doc.title());
            }
            if (visit.column()) {
                LinkFinder.Links links = LinkFinder.find(r.body(), Crawler.charsetOf(r, portal), r.url(), List.of());
                int reports = links.reports().size();
                if (reports > 0) {
                    String agency = visit.owner() != null ? visit.owner() : name;
                    columns.putIfAbsent(visit.url(), new Column(visit.url(), agency, level(agency, name), visit.trail(), reports));
                }
                continue;
            }
            if (visit.depth() >= maxDepth) {
                continue;
            }
            for (Element a : doc.select("a[href]")) {
                String url = a.absUrl("href").replaceFirst("#.*$", "");
                String text = (a.text() + " " + a.attr("title")).trim();
                if (url.isEmpty() || url.startsWith("javascript") || seen.contains(url) || !host.equals(hostOf(url))) {
                    continue;
                }
                boolean column = COLUMN_TEXT.matcher(text).find() && !YEAR.matcher(text).find();
                boolean body = BODY_NAME.matcher(a.text().trim()).matches();
                boolean navigation = NAVIGATION_TEXT.matcher(a.text().trim()).find() || NAVIGATION_PATH.matcher(url).find();
                if (!column && !body && !navigation) {
                    continue;
                }
                seen.add(url);
                String owner = body ? a.text().trim() : visit.owner();
                List<String> trail = new ArrayList<>(visit.trail());
                trail.add(a.text().trim());
                queue.add(new Visit(url, visit.depth() + 1, owner, trail, column));
            }
        }
        if (!queue.isEmpty()) {
            problems.add("stopped after " + read + " pages (--max-pages); " + queue.size() + " link(s) not followed");
        }
        return new Found(home, name, List.copyOf(columns.values()), read, problems);
    }

    private static AgencyLevel level(String agency, String government) {
        if (agency == null) {
            return AgencyLevel.UNKNOWN;
        }
        if (agency.equals(government)) {
            return agency.endsWith("市人民政府") ? AgencyLevel.CITY : AgencyLevel.COUNTY;
        }
        return TOWN.matcher(agency).find() ? AgencyLevel.TOWN : AgencyLevel.DEPARTMENT;
    }

    /** The site's name from its home page's title: its first part, without 门户网站. */
    static String siteName(String title) {
        String first = title.split("[_|｜\\-－—–]")[0].trim();
        return SITE_SUFFIX.matcher(first).replaceFirst("").trim();
    }

    private static String hostOf(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
