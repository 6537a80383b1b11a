package dev.govwatch.crawler;

import dev.govwatch.schemas.CrawlState;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.PortalStatus;

/** Where the crawler's output goes: the pages, crawl-state and portal-status topics, or memory in tests. */
public interface CrawlSink {

    /** A new page, or a new version of a known one. */
    void page(FetchedPage page);

    /** What the crawler now knows about a URL. */
    void state(CrawlState state);

    /** Whether a portal can be read. */
    void portalStatus(PortalStatus status);

    /**
     * A page published together with the state that records it: a sink that can should make the
     * two visible together or not at all, so that a crash between them neither loses the page nor
     * publishes it twice after a restart.
     */
    default void published(FetchedPage page, CrawlState state) {
        page(page);
        state(state);
    }
}
