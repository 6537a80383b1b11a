package dev.govwatch.crawler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.govwatch.schemas.CrawlState;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.PortalStatus;

/** Collects what the crawler publishes. */
final class MemorySink implements CrawlSink {

    final List<FetchedPage> pages = new CopyOnWriteArrayList<>();
    final List<CrawlState> states = new CopyOnWriteArrayList<>();
    final List<PortalStatus> statuses = new CopyOnWriteArrayList<>();

    @Override
    public void page(FetchedPage page) {
        pages.add(page);
    }

    @Override
    public void state(CrawlState state) {
        states.add(state);
    }

    @Override
    public void portalStatus(PortalStatus status) {
        statuses.add(status);
    }
}
