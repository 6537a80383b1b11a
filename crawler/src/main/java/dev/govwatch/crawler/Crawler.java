package dev.govwatch.crawler;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import dev.govwatch.schemas.CrawlState;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.PageImage;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.PortalState;
import dev.govwatch.schemas.PortalStatus;
import dev.govwatch.schemas.Topics;
import dev.govwatch.schemas.UrlStatus;

/**
 * Sweeps portals: fetches each report column with its pagination, finds the report pages and
 * fetches them with conditional GET, and publishes a page only when its content hash changed.
 * Polite by construction: every request goes through robots.txt and the {@link HostScheduler}.
 * Challenge pages mark the portal BLOCKED and are never published.
 */
public final class Crawler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Crawler.class);

    static {
        dev.govwatch.schemas.TrustedAvroClasses.install();
    }

    /** A server asking for a longer pause than this is retried on the next sweep instead. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);
    /** Room left in a page record for its other fields and the Avro and Kafka framing. */
    private static final int IMAGE_HEADROOM = 64 * 1024;

    /** How much of a robots.txt is read (RFC 9309 asks for at least 500 KiB). */
    static final int ROBOTS_LIMIT = RobotsCache.LIMIT;
    /** Sitemaps read per portal, and children per sitemap index. */
    private static final int MAX_SITEMAPS = 10;

    private final CrawlerSettings settings;
    private final CrawlSink sink;
    private final Clock clock;
    private final Fetcher fetcher;
    private final CrawlerMetrics metrics;
    private final HostScheduler scheduler = new HostScheduler();
    private final Map<String, UrlState> states = new ConcurrentHashMap<>();
    /** Each portal id once, for the states of its URLs. */
    private final Map<String, String> portalIds = new ConcurrentHashMap<>();
    private final RobotsCache robots;
    private final ColumnDrift drift = new ColumnDrift();
    /** Portals whose columns were discovered (given by home page only) or moved: their columns now, and the file's they replace. */
    private final Map<String, Moved> moved = new ConcurrentHashMap<>();

    /** Columns swept in place of the portal file's {@code from} (empty for a portal given by home page only). */
    private record Moved(List<String> from, List<String> to) {
    }
    /** Discovery blocks while it fetches politely: never on the HTTP client's threads. */
    private final java.util.concurrent.ExecutorService discoveries = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "govwatch-portal-discovery");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, PortalStatus> portalStates = new ConcurrentHashMap<>();
    /** Each list page's links as last read, with the validators to ask for it conditionally (in memory only). */
    private final Map<String, ListedLinks> listed = new ConcurrentHashMap<>();

    /**
     * A list page's report and pagination links, and its ETag and Last-Modified as the server sent
     * them: the ETag as bytes, the date as epoch seconds where it prints back exactly (text otherwise),
     * as {@link UrlState} keeps them — about 20 MB less over the 200,000 list pages of a national crawl.
     */
    private record ListedLinks(byte[] etagBytes, long lastModifiedSeconds, String lastModifiedText, String[] reports,
                               String[] pages) {
        static ListedLinks of(String etag, String lastModified, String[] reports, String[] pages) {
            long seconds = HttpDate.seconds(lastModified);
            return new ListedLinks(UrlState.etagBytes(etag), seconds, seconds == HttpDate.NONE ? lastModified : null, reports, pages);
        }

        String etag() {
            return UrlState.etagText(etagBytes);
        }

        String lastModified() {
            return lastModifiedSeconds == HttpDate.NONE ? lastModifiedText : HttpDate.text(lastModifiedSeconds);
        }

        /** Whether the page can be asked for conditionally. */
        boolean hasValidators() {
            return etagBytes != null || lastModifiedSeconds != HttpDate.NONE || lastModifiedText != null;
        }
    }

    /** What one sweep of one portal did. */
    public record Sweep(String portalId, int listPages, int reportLinks, int published, int notModified, int blocked,
                        int failed, int disallowed, int deferred, Counter counter) {
        /** Where the portal's columns moved in this sweep, if they did. */
        public String moved() {
            return counter == null ? null : counter.moved;
        }
    }

    /** Reports of one portal in flight or queued at once (more than one, for attachments on other hosts). */
    static final int REPORT_LANES = 4;

    /** A URL that keeps failing is asked again at most this rarely. */
    static final Duration MAX_BACKOFF = Duration.ofDays(7);

    public Crawler(CrawlerSettings settings, CrawlSink sink, Clock clock) {
        this(settings, sink, clock, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    public Crawler(CrawlerSettings settings, CrawlSink sink, Clock clock, io.micrometer.core.instrument.MeterRegistry meters) {
        this.settings = settings;
        this.sink = sink;
        this.clock = clock;
        this.robots = new RobotsCache(clock);
        this.fetcher = new Fetcher(settings);
        this.metrics = new CrawlerMetrics(meters);
        metrics.watchQueues(scheduler::waiting, scheduler::busiestHost);
    }

    /**
     * Forgets what is known about these URLs, so that the next sweep fetches and publishes them
     * again: for output the sink could not deliver.
     */
    public void forget(java.util.Collection<String> urls) {
        urls.forEach(states::remove);
    }

    /** What an earlier run knew (from the crawl-state topic), so that a restart does not refetch everything. */
    public void resume(Iterable<CrawlState> known) {
        known.forEach(this::resume);
    }

    /** What an earlier run knew of one URL. */
    public void resume(CrawlState known) {
        states.put(known.getUrl(), UrlState.of(known, known.getUrl(), portalIds.computeIfAbsent(known.getPortalId(), id -> id)));
    }

    /** How many URLs the crawler has a state for. */
    public int knownUrls() {
        return states.size();
    }

    /**
     * The portals' statuses an earlier run published: a portal read without trouble before the
     * restart has been OK since then, not since the restart.
     */
    public void resumePortals(Iterable<PortalStatus> known) {
        known.forEach(s -> {
            portalStates.put(s.getPortalId(), s);
            if (s.getColumns() != null && !s.getColumns().isEmpty()) {
                // Columns found by discovery or followed after a move: not looked for again after a restart.
                moved.put(s.getPortalId(), new Moved(s.getColumnsReplace() == null ? List.of() : List.copyOf(s.getColumnsReplace()),
                        List.copyOf(s.getColumns())));
            }
        });
    }

    public CompletableFuture<Sweep> sweep(Portal given) {
        Moved movedTo = moved.get(given.getId());
        if (movedTo != null && !movedTo.from().equals(given.getListPages())) {
            // The portal file was edited since the columns moved: what it says now wins.
            moved.remove(given.getId(), movedTo);
            movedTo = null;
        }
        if (movedTo == null && given.getListPages().isEmpty() && given.getHome() != null) {
            // A portal given by its home page alone: its columns are discovered on first sight.
            return discover(given, List.of()).thenCompose(found -> {
                if (found.isEmpty()) {
                    return CompletableFuture.completedFuture(driftedSweep(given, "no report column found from " + given.getHome()));
                }
                moved.put(given.getId(), new Moved(List.of(), found));
                return sweep(given);
            });
        }
        Portal portal = movedTo == null ? given : Portal.newBuilder(given).setListPages(movedTo.to()).build();
        return columnsSweep(portal).thenCompose(sweep -> afterDrift(portal, given.getListPages(), sweep));
    }

    /**
     * Columns that have drifted are looked for again from the portal's home page: found elsewhere,
     * the portal's columns move there (said in the status's detail); not found, or no home page to
     * look from, the portal is DRIFTED (its agencies BLOCKED, never MISSING) until the column is readable again.
     */
    private CompletableFuture<Sweep> afterDrift(Portal portal, List<String> fileColumns, Sweep sweep) {
        List<String> drifted = drift.drifted(portal.getListPages());
        if (drifted.isEmpty()) {
            updatePortalStatus(portal, sweep.counter(), null);
            return CompletableFuture.completedFuture(sweep);
        }
        String what = drifted.get(0) + " gone (HTTP 404/410 or no reports listed) for " + drift.misses(drifted.get(0)) + " sweeps";
        if (portal.getHome() == null || drifted.stream().noneMatch(drift::dueForRediscovery)) {
            updatePortalStatus(portal, sweep.counter(), what + (portal.getHome() == null ? "; no home page to look for it from" : ""));
            return CompletableFuture.completedFuture(sweep);
        }
        return discover(portal, drifted).thenApply(found -> {
            List<String> fresh = found.stream().filter(c -> !portal.getListPages().contains(c)).toList();
            if (found.isEmpty() || fresh.isEmpty()) {
                updatePortalStatus(portal, sweep.counter(), what + "; not found again from " + portal.getHome());
            } else {
                // The columns still read stay; the drifted ones give way to those found that were not watched.
                List<String> now = new ArrayList<>(portal.getListPages());
                now.removeAll(drifted);
                now.addAll(fresh);
                moved.put(portal.getId(), new Moved(List.copyOf(fileColumns), List.copyOf(now)));
                drifted.forEach(drift::forget);
                sweep.counter().moved = "report columns moved: " + drifted + " → " + fresh + " (found again from " + portal.getHome() + ")";
                updatePortalStatus(portal, sweep.counter(), null);
            }
            return sweep;
        });
    }

    /** Discovers the portal's columns from its home page, off the HTTP threads. */
    private CompletableFuture<List<String>> discover(Portal portal, List<String> drifted) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                PortalDiscovery.Found found = new PortalDiscovery(this, PortalDiscovery.DEFAULT_MAX_DEPTH, PortalDiscovery.DEFAULT_MAX_PAGES)
                        .discover(portal.getHome(), portal.getHostDelayMillis(), portal.getAllowPrivateAddresses());
                List<String> columns = found.columns().stream().map(PortalDiscovery.Column::url).toList();
                LOG.info("portal {}: {} report column(s) found from {}{}", portal.getId(), columns.size(), portal.getHome(),
                        drifted.isEmpty() ? "" : " (drifted: " + drifted + ")");
                return columns;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.<String>of();
            }
        }, discoveries);
    }

    private Sweep driftedSweep(Portal portal, String why) {
        Counter counter = new Counter();
        updatePortalStatus(portal, counter, why);
        return new Sweep(portal.getId(), 0, 0, 0, 0, 0, 0, 0, 0, counter);
    }

    private CompletableFuture<Sweep> columnsSweep(Portal portal) {
        List<Pattern> patterns = portal.getLinkPatterns().stream().map(Pattern::compile).toList();
        Counter counter = new Counter();
        Set<String> reportUrls = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Void>> columns = new ArrayList<>();
        for (String listPage : portal.getListPages()) {
            columns.add(column(portal, listPage, patterns, reportUrls, counter));
        }
        columns.add(sitemaps(portal, patterns, reportUrls));
        // The set is dropped once copied: a national sweep lists 1.2 million links before it fetches them.
        return CompletableFuture.allOf(columns.toArray(CompletableFuture[]::new))
                .thenApply(v -> List.copyOf(reportUrls))
                .thenCompose(urls -> reports(portal, urls, counter).thenApply(v -> new Sweep(portal.getId(), counter.listPages,
                        urls.size(), counter.published, counter.notModified, counter.blocked, counter.failed, counter.disallowed,
                        counter.deferred, counter)));
    }

    /**
     * The portal's reports, {@link #REPORT_LANES} at a time: its host answers one request at a time
     * anyway, and a national sweep that queued every report of 3,000 portals at once held over a
     * million pending requests in memory (a 1 GB heap spent the sweep collecting garbage).
     */
    private CompletableFuture<Void> reports(Portal portal, List<String> urls, Counter counter) {
        java.util.concurrent.atomic.AtomicInteger cursor = new java.util.concurrent.atomic.AtomicInteger();
        CompletableFuture<?>[] lanes = new CompletableFuture<?>[Math.min(REPORT_LANES, urls.size())];
        for (int i = 0; i < lanes.length; i++) {
            CompletableFuture<Void> lane = new CompletableFuture<>();
            next(portal, urls, cursor, counter, lane);
            lanes[i] = lane;
        }
        return CompletableFuture.allOf(lanes);
    }

    /**
     * Takes the next report from {@code cursor} as each finishes, and completes {@code lane} when none
     * is left; one that fails ends its lane, and so the sweep, as before. Each report's completion
     * starts the next rather than composing futures: a lane of a few hundred reports built as a
     * chain of {@code thenCompose} held a relay per report until the lane ended (600,000 of them
     * live in a national sweep).
     */
    private void next(Portal portal, List<String> urls, java.util.concurrent.atomic.AtomicInteger cursor, Counter counter,
                      CompletableFuture<Void> lane) {
        while (true) {
            int i = cursor.getAndIncrement();
            if (i >= urls.size()) {
                lane.complete(null);
                return;
            }
            CompletableFuture<Void> report;
            try {
                report = report(portal, urls.get(i), counter);
            } catch (RuntimeException e) {
                lane.completeExceptionally(e);
                return;
            }
            // Reports done at once (deferred by their backoff) are passed over in this loop, not by recursion.
            if (!report.isDone()) {
                report.whenComplete((v, e) -> {
                    if (e != null) {
                        lane.completeExceptionally(e);
                    } else {
                        next(portal, urls, cursor, counter, lane);
                    }
                });
                return;
            }
            if (report.isCompletedExceptionally()) {
                report.whenComplete((v, e) -> lane.completeExceptionally(e));
                return;
            }
        }
    }

    /** A report column: its first page, then the pagination it links to, up to the limit. */
    private CompletableFuture<Void> column(Portal portal, String first, List<Pattern> patterns, Set<String> reportUrls,
                                           Counter counter) {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        seen.add(first);
        Set<String> found = ConcurrentHashMap.newKeySet();
        int[] firstStatus = {-1};
        return listPage(portal, first, patterns, found, seen, counter, firstStatus).thenRun(() -> {
            reportUrls.addAll(found);
            if (firstStatus[0] >= 0) {
                drift.record(first, firstStatus[0], found.size());
            }
        });
    }

    private CompletableFuture<Void> listPage(Portal portal, String url, List<Pattern> patterns, Set<String> reportUrls,
                                             Set<String> seen, Counter counter) {
        return listPage(portal, url, patterns, reportUrls, seen, counter, null);
    }

    /** @param firstStatus where the column's first list page puts its HTTP status (0 for no answer); null for the others */
    private CompletableFuture<Void> listPage(Portal portal, String url, List<Pattern> patterns, Set<String> reportUrls,
                                             Set<String> seen, Counter counter, int[] firstStatus) {
        ListedLinks cached = listed.get(url);
        return fetch(portal, url, cached == null ? null : cached.etag(), cached == null ? null : cached.lastModified()).thenCompose(result -> {
            if (result.isEmpty()) {
                counter.disallowed();
                return CompletableFuture.completedFuture(null);
            }
            FetchResult r = result.get();
            boolean unchanged = r.status() == 304 && cached != null;
            if (firstStatus != null) {
                // Unchanged is as good as read: the column lists what it listed before.
                firstStatus[0] = r.error() != null ? 0 : unchanged ? 200 : r.status();
            }
            if (Challenges.detect(r).isPresent()) {
                counter.blocked(Challenges.detect(r).get());
                return CompletableFuture.completedFuture(null);
            }
            if (r.status() != 200 && !unchanged) {
                listed.remove(url);
                counter.failed(url + ": " + (r.error() != null ? r.error() : "HTTP " + r.status()));
                return CompletableFuture.completedFuture(null);
            }
            counter.listPage();
            ListedLinks links = unchanged ? cached : listedLinks(url, r, portal, patterns);
            java.util.Collections.addAll(reportUrls, links.reports());
            List<CompletableFuture<Void>> next = new ArrayList<>();
            for (String page : links.pages()) {
                if (seen.size() < settings.maxListPages() && seen.add(page)) {
                    next.add(listPage(portal, page, patterns, reportUrls, seen, counter));
                }
            }
            return CompletableFuture.allOf(next.toArray(CompletableFuture[]::new));
        });
    }

    /**
     * The links of a list page just read, kept with its validators when the server sent any, so that
     * the next sweep asks for the page conditionally and an unchanged column costs a 304 and no parse.
     */
    private ListedLinks listedLinks(String url, FetchResult r, Portal portal, List<Pattern> patterns) {
        LinkFinder.Links found = LinkFinder.find(r.body(), charsetOf(r, portal), r.url(), patterns);
        ListedLinks links = ListedLinks.of(r.header("etag"), r.header("last-modified"),
                found.reports().stream().map(this::canonicalUrl).toArray(String[]::new),
                found.pages().stream().map(this::canonicalUrl).toArray(String[]::new));
        if (links.hasValidators()) {
            listed.put(url, links);
        } else {
            listed.remove(url);
        }
        return links;
    }

    /** The crawler's own string for a URL it has a state for (a national crawl would otherwise hold each URL twice). */
    private String canonicalUrl(String url) {
        UrlState state = states.get(url);
        return state == null ? url : state.url();
    }

    /**
     * Report pages named in the sitemaps that the portal's robots.txt declares: they catch reports a
     * column no longer lists (pagination limits, broken list pages). A broken sitemap is logged, not
     * counted against the portal: the list pages remain the primary source.
     */
    private CompletableFuture<Void> sitemaps(Portal portal, List<Pattern> patterns, Set<String> reportUrls) {
        if (portal.getListPages().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        String first = portal.getListPages().get(0);
        if (AddressGuard.refusal(first, portal.getAllowPrivateAddresses()) != null) {
            return CompletableFuture.completedFuture(null);
        }
        String host = URI.create(first).getHost();
        return robotsFor(portal, first).thenCompose(rules -> CompletableFuture.allOf(rules.getSitemaps().stream()
                .filter(u -> host.equalsIgnoreCase(URI.create(u).getHost()))
                .limit(MAX_SITEMAPS)
                .map(u -> sitemap(portal, u, patterns, reportUrls, true))
                .toArray(CompletableFuture[]::new)));
    }

    private CompletableFuture<Void> sitemap(Portal portal, String url, List<Pattern> patterns, Set<String> reportUrls,
                                            boolean mayBeIndex) {
        return fetch(portal, url, null, null).thenCompose(result -> {
            if (result.isEmpty() || result.get().status() != 200) {
                LOG.info("portal {}: sitemap {} not read: {}", portal.getId(), url,
                        result.map(r -> r.error() != null ? r.error() : "HTTP " + r.status()).orElse("robots.txt disallows it"));
                return CompletableFuture.completedFuture(null);
            }
            FetchResult r = result.get();
            AbstractSiteMap map;
            try {
                map = new SiteMapParser(false).parseSiteMap(r.header("content-type"), r.body(), URI.create(r.url()).toURL());
            } catch (UnknownFormatException | IOException | IllegalArgumentException e) {
                LOG.info("portal {}: sitemap {} unreadable: {}", portal.getId(), url, e.getMessage());
                return CompletableFuture.completedFuture(null);
            }
            if (map.isIndex()) {
                if (!mayBeIndex) {
                    return CompletableFuture.completedFuture(null);
                }
                return CompletableFuture.allOf(((SiteMapIndex) map).getSitemaps().stream().limit(MAX_SITEMAPS)
                        .map(child -> sitemap(portal, child.getUrl().toString(), patterns, reportUrls, false))
                        .toArray(CompletableFuture[]::new));
            }
            for (SiteMapURL entry : ((SiteMap) map).getSiteMapUrls()) {
                String candidate = entry.getUrl().toString();
                if (LinkFinder.isColumnItem(candidate, portal.getListPages(), patterns)) {
                    reportUrls.add(canonicalUrl(candidate));
                }
            }
            return CompletableFuture.completedFuture(null);
        });
    }

    private CompletableFuture<Void> report(Portal portal, String url, Counter counter) {
        UrlState kept = states.get(url);
        CrawlState known = kept == null ? null : kept.toCrawlState();
        if (known != null && known.getFailureCount() > 1 && known.getNextFetchAt() != null
                && clock.instant().isBefore(known.getNextFetchAt())) {
            // A URL failing sweep after sweep backs off, as its crawl state (kept across restarts) says.
            counter.deferred();
            return CompletableFuture.completedFuture(null);
        }
        return fetch(portal, url, known == null ? null : known.getEtag(), known == null ? null : known.getLastModified())
                .thenCompose(result -> {
                    Instant now = clock.instant();
                    if (result.isEmpty()) {
                        counter.disallowed();
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    FetchResult r = result.get();
                    Optional<String> challenge = Challenges.detect(r);
                    FetchedPage published = null;
                    CrawlState.Builder state = known == null
                            ? CrawlState.newBuilder().setUrl(url).setPortalId(portal.getId())
                            : CrawlState.newBuilder(known);
                    state.setLastFetchedAt(now).setNextFetchAt(now.plusSeconds(portal.getCrawlIntervalSeconds()));
                    if (challenge.isPresent()) {
                        counter.blocked(challenge.get());
                        state.setStatus(UrlStatus.BLOCKED).setLastError(challenge.get());
                    } else if (r.status() == 304) {
                        counter.notModified();
                        state.setStatus(UrlStatus.NOT_MODIFIED).setFailureCount(0).setLastError(null);
                    } else if (r.status() == 200) {
                        String sha = sha256(r.body());
                        state.setStatus(UrlStatus.FETCHED).setFailureCount(0).setLastError(null)
                                .setEtag(r.header("etag")).setLastModified(r.header("last-modified"));
                        if (known == null || !sha.equals(known.getSha256())) {
                            published = page(portal, r, sha, now);
                            counter.published();
                            metrics.published();
                        } else {
                            counter.notModified();
                        }
                        state.setSha256(sha);
                    } else {
                        counter.failed(url + ": " + (r.error() != null ? r.error() : "HTTP " + r.status()));
                        int failures = (known == null ? 0 : known.getFailureCount()) + 1;
                        state.setStatus(r.status() == 404 || r.status() == 410 ? UrlStatus.GONE : UrlStatus.ERROR)
                                .setFailureCount(failures).setNextFetchAt(now.plus(backoff(portal, failures)))
                                .setLastError(r.error() != null ? r.error() : "HTTP " + r.status());
                    }
                    CrawlState updated = state.build();
                    states.put(url, UrlState.of(updated, url, portalIds.computeIfAbsent(portal.getId(), id -> id)));
                    if (published == null) {
                        sink.state(updated);
                        return CompletableFuture.completedFuture(null);
                    }
                    FetchedPage page = published;
                    return withImages(portal, page).thenAccept(p -> sink.published(p, updated));
                });
    }

    /** After the first failure a URL is asked again on the next sweep, then after 2, 4, 8 … intervals, at most a week. */
    static Duration backoff(Portal portal, int failures) {
        Duration interval = Duration.ofSeconds(portal.getCrawlIntervalSeconds());
        Duration wait = interval.multipliedBy(1L << Math.min(failures - 1, 20));
        return wait.compareTo(MAX_BACKOFF) > 0 ? (interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF) : wait;
    }

    /** When the portal's last complete sweep ended, as this crawler or an earlier run published it. */
    public Optional<Instant> lastSweep(String portalId) {
        PortalStatus status = portalStates.get(portalId);
        return status == null ? Optional.empty() : Optional.ofNullable(status.getSweptAt());
    }

    /**
     * The page with its article's images ({@link ArticleImages}), fetched like any request (robots.txt,
     * the host's delay, the SSRF guard, the body cap), one after another; an image that fails or is
     * not an image is left out, and the images stop where the record would outgrow its topic's bound.
     */
    private CompletableFuture<FetchedPage> withImages(Portal portal, FetchedPage page) {
        String type = page.getContentType() == null ? "" : page.getContentType().toLowerCase(java.util.Locale.ROOT);
        if (!type.contains("html")) {
            return CompletableFuture.completedFuture(page);
        }
        byte[] body = new byte[page.getBody().remaining()];
        page.getBody().duplicate().get(body);
        List<String> urls = ArticleImages.find(body, page.getCharset(), page.getUrl());
        CompletableFuture<List<PageImage>> images = CompletableFuture.completedFuture(new ArrayList<>());
        for (String imageUrl : urls) {
            images = images.thenCompose(list -> fetch(portal, imageUrl, null, null).handle((result, error) -> {
                FetchResult r = result == null ? null : result.orElse(null);
                String contentType = r == null ? null : r.header("content-type");
                long size = body.length + list.stream().mapToLong(i -> i.getBody().remaining()).sum();
                if (r != null && r.status() == 200 && contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("image/")
                        && size + r.body().length < Topics.MAX_RECORD_BYTES - IMAGE_HEADROOM) {
                    list.add(PageImage.newBuilder().setUrl(imageUrl).setContentType(contentType)
                            .setBody(ByteBuffer.wrap(r.body())).setSha256(sha256(r.body())).build());
                } else {
                    LOG.debug("image {} of {} left out: {}", imageUrl, page.getUrl(),
                            r == null ? String.valueOf(error) : "HTTP " + r.status() + " " + contentType);
                }
                return list;
            }));
        }
        return images.thenApply(list -> list.isEmpty() ? page : FetchedPage.newBuilder(page).setImages(list).build());
    }

    /** One polite request: the SSRF guard, robots.txt, the host's turn, then redirects followed by hand. */
    CompletableFuture<Optional<FetchResult>> fetch(Portal portal, String url, String etag, String lastModified) {
        String refusal = AddressGuard.refusal(url, portal.getAllowPrivateAddresses());
        if (refusal != null) {
            return CompletableFuture.completedFuture(Optional.of(FetchResult.failed(url, refusal)));
        }
        String host = URI.create(url).getHost();
        return robotsFor(portal, url).thenCompose(rules -> {
            if (rules instanceof RobotsCache.Unreachable unreachable) {
                // Not a site that forbids us but one we cannot read: a failure, so the portal is UNREACHABLE
                // (its agencies BLOCKED), never a sweep that found nothing (which could raise MISSING).
                return CompletableFuture.completedFuture(Optional.of(FetchResult.failed(url, unreachable.reason())));
            }
            if (!rules.isAllowed(url)) {
                LOG.debug("robots.txt disallows {}", url);
                return CompletableFuture.completedFuture(Optional.<FetchResult>empty());
            }
            Duration delay = delayFor(portal, rules);
            return fetchFollowing(portal, host, url, etag, lastModified, delay, new LinkedHashSet<>(), 1).thenApply(Optional::of);
        });
    }

    private CompletableFuture<FetchResult> fetchFollowing(Portal portal, String host, String url, String etag,
                                                          String lastModified, Duration delay, Set<String> chain, int attempt) {
        chain.add(url);
        return scheduler.submit(host, delay, () -> {
            long start = System.nanoTime();
            return fetcher.get(url, etag, lastModified, portal.getAcceptBrokenTls()).whenComplete((r, e) -> {
                if (r != null) {
                    metrics.fetched(CrawlerMetrics.outcome(r), Duration.ofNanos(System.nanoTime() - start), r.body().length);
                }
            });
        }).thenCompose(r -> {
            if (r.status() >= 300 && r.status() < 400 && r.status() != 304 && r.header("location") != null) {
                String next = URI.create(url).resolve(r.header("location")).toString();
                if (chain.contains(next)) {
                    return CompletableFuture.completedFuture(FetchResult.failed(url, "redirect loop through " + chain));
                }
                if (chain.size() > settings.maxRedirects()) {
                    return CompletableFuture.completedFuture(FetchResult.failed(url, "more than " + settings.maxRedirects() + " redirects"));
                }
                String refusal = AddressGuard.refusal(next, portal.getAllowPrivateAddresses());
                if (refusal != null) {
                    return CompletableFuture.completedFuture(FetchResult.failed(next, "redirect " + refusal));
                }
                return fetchFollowing(portal, URI.create(next).getHost(), next, etag, lastModified, delay, chain, attempt);
            }
            boolean retry = (r.status() == 0 || r.status() >= 500 || r.status() == 429) && attempt < settings.maxAttempts()
                    && !Challenges.detect(r).isPresent()
                    && RetryAfter.parse(r.header("retry-after"), clock.instant()).compareTo(MAX_RETRY_AFTER) <= 0;
            if (retry) {
                // The host's delay already spaces the retry; back off further on each attempt, and
                // at least as long as a 429/503 asks in Retry-After.
                Duration backoff = delay.multipliedBy(1L << attempt).plusMillis((long) (Math.random() * 250));
                Duration asked = RetryAfter.parse(r.header("retry-after"), clock.instant());
                if (asked.compareTo(backoff) > 0) {
                    backoff = asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
                }
                return CompletableFuture.supplyAsync(() -> null,
                                CompletableFuture.delayedExecutor(backoff.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                        .thenCompose(v -> fetchFollowing(portal, host, url, etag, lastModified, delay, new LinkedHashSet<>(), attempt + 1));
            }
            return CompletableFuture.completedFuture(r);
        });
    }

    /** robots.txt of the URL's host, fetched politely like any other request and kept as {@link RobotsCache} says. */
    private CompletableFuture<BaseRobotRules> robotsFor(Portal portal, String url) {
        URI uri = URI.create(url);
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        // A portal that accepts a broken certificate reads a robots.txt the strict ones cannot: kept apart.
        String key = portal.getAcceptBrokenTls() ? origin + " (any certificate)" : origin;
        return robots.rules(key, origin, () -> scheduler.submit(uri.getHost(), delayFor(portal, null),
                () -> fetcher.get(origin + "/robots.txt", null, null, portal.getAcceptBrokenTls())));
    }

    private Duration delayFor(Portal portal, BaseRobotRules rules) {
        long ms = Math.max(portal.getHostDelayMillis(), settings.defaultDelay().toMillis());
        if (rules != null && rules.getCrawlDelay() > 0 && rules.getCrawlDelay() != BaseRobotRules.UNSET_CRAWL_DELAY) {
            ms = Math.max(ms, rules.getCrawlDelay());
        }
        return Duration.ofMillis(ms);
    }

    /**
     * After every sweep: the portal's state, since when it has held (kept across restarts, see
     * {@link #resumePortals}), and when this sweep ended, so that the validator can judge absences
     * once the sweep's pages are extracted rather than a fixed time later.
     */
    private void updatePortalStatus(Portal portal, Counter counter, String drifted) {
        PortalState state = counter.blocked > 0 ? PortalState.BLOCKED
                : counter.listPages == 0 && counter.failed > 0 ? PortalState.UNREACHABLE
                : drifted != null ? PortalState.DRIFTED : PortalState.OK;
        String detail = state == PortalState.DRIFTED ? drifted : counter.moved != null ? counter.moved : counter.firstProblem;
        Instant now = clock.instant();
        Moved columns = moved.get(portal.getId());
        PortalStatus status = portalStates.compute(portal.getId(), (id, previous) -> PortalStatus.newBuilder()
                .setPortalId(id).setState(state)
                .setSince(previous != null && previous.getState() == state ? previous.getSince() : now)
                .setCheckedAt(now).setSweptAt(now).setDetail(detail)
                .setColumns(columns == null ? null : columns.to()).setColumnsReplace(columns == null ? null : columns.from())
                .setPagesThrough(previous == null ? new java.util.HashMap<>() : previous.getPagesThrough()).build());
        sink.portalStatus(status);
    }

    private static FetchedPage page(Portal portal, FetchResult r, String sha, Instant now) {
        String contentType = r.header("content-type");
        return FetchedPage.newBuilder().setUrl(r.url()).setPortalId(portal.getId()).setFetchedAt(now).setHttpStatus(r.status())
                .setContentType(contentType).setEtag(r.header("etag")).setLastModified(r.header("last-modified"))
                .setCharset(headerCharset(contentType)).setBody(ByteBuffer.wrap(r.body())).setSha256(sha).build();
    }

    static Charset charsetOf(FetchResult r, Portal portal) {
        byte[] b = r.body();
        // A byte order mark outranks the header and the meta tag (WHATWG encoding sniffing order).
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        String named = headerCharset(r.header("content-type"));
        if (named == null) {
            String head = new String(r.body(), 0, Math.min(r.body().length, 4096), StandardCharsets.ISO_8859_1);
            java.util.regex.Matcher m = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([\\w-]+)").matcher(head);
            named = m.find() ? m.group(1) : portal.getCharset();
        }
        if (named == null) {
            return StandardCharsets.UTF_8;
        }
        String n = named.toLowerCase(java.util.Locale.ROOT);
        try {
            return n.startsWith("gb") ? Charset.forName("GB18030") : Charset.forName(n);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static String headerCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        java.util.regex.Matcher m = Pattern.compile("(?i)charset\\s*=\\s*\"?([\\w-]+)").matcher(contentType);
        return m.find() ? m.group(1) : null;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        discoveries.shutdownNow();
        fetcher.close();
    }

    /** Tallies of one sweep; updated from the HTTP client's threads. */
    public static final class Counter {
        private volatile String moved;
        private int listPages;
        private int published;
        private int notModified;
        private int blocked;
        private int failed;
        private int disallowed;
        private int deferred;
        private String firstProblem;

        synchronized void listPage() {
            listPages++;
        }

        synchronized void published() {
            published++;
        }

        synchronized void notModified() {
            notModified++;
        }

        synchronized void disallowed() {
            disallowed++;
        }

        synchronized void deferred() {
            deferred++;
        }

        synchronized void blocked(String why) {
            blocked++;
            firstProblem = firstProblem == null ? why : firstProblem;
        }

        synchronized void failed(String why) {
            failed++;
            firstProblem = firstProblem == null ? why : firstProblem;
        }
    }
}
