package dev.govwatch.crawler;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import dev.govwatch.schemas.Portal;

/**
 * Keeps every owned portal swept on its interval (with up to 10 % jitter, so that thousands of
 * portals do not fall due together). Sweeps of different portals run side by side; the crawler's
 * host scheduler keeps each host polite. A portal that is no longer owned is not started again.
 */
public final class CrawlLoop {

    private final Crawler crawler;
    private final Clock clock;
    private final Consumer<Crawler.Sweep> onSweep;
    private final Map<String, Instant> due = new HashMap<>();
    private final Map<String, CompletableFuture<Crawler.Sweep>> running = new HashMap<>();

    public CrawlLoop(Crawler crawler, Clock clock, Consumer<Crawler.Sweep> onSweep) {
        this.crawler = crawler;
        this.clock = clock;
        this.onSweep = onSweep;
    }

    /** Starts the sweeps that are due among {@code owned}; returns how many are running. */
    public int step(List<Portal> owned) {
        running.values().removeIf(CompletableFuture::isDone);
        Instant now = clock.instant();
        for (Portal portal : owned) {
            if (running.containsKey(portal.getId()) || now.isBefore(due.getOrDefault(portal.getId(), Instant.EPOCH))) {
                continue;
            }
            long interval = portal.getCrawlIntervalSeconds();
            due.put(portal.getId(), now.plusSeconds(interval + ThreadLocalRandom.current().nextLong(interval / 10 + 1)));
            running.put(portal.getId(), crawler.sweep(portal).whenComplete((sweep, error) -> {
                if (sweep != null) {
                    onSweep.accept(sweep);
                }
            }));
        }
        return running.size();
    }

    /** Waits for the sweeps in flight. */
    public void drain() {
        CompletableFuture.allOf(running.values().toArray(CompletableFuture[]::new)).join();
    }
}
