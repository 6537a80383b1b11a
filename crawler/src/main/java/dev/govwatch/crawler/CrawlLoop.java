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
 * Resuming, a portal swept by an earlier run is next due one interval after that sweep (its status
 * says when), not at once: a restart does not sweep every portal again.
 */
public final class CrawlLoop {

    private final Crawler crawler;
    private final Clock clock;
    private final Consumer<Crawler.Sweep> onSweep;
    private final Map<String, Instant> due = new HashMap<>();
    private final Map<String, CompletableFuture<Crawler.Sweep>> running = new HashMap<>();

    private final boolean resumeSchedule;

    /** A loop that sweeps every portal at once when it starts ({@code --once}, tests). */
    public CrawlLoop(Crawler crawler, Clock clock, Consumer<Crawler.Sweep> onSweep) {
        this(crawler, clock, onSweep, false);
    }

    /** @param resumeSchedule whether a portal swept by an earlier run waits for its interval to end */
    public CrawlLoop(Crawler crawler, Clock clock, Consumer<Crawler.Sweep> onSweep, boolean resumeSchedule) {
        this.crawler = crawler;
        this.clock = clock;
        this.onSweep = onSweep;
        this.resumeSchedule = resumeSchedule;
    }

    /** Starts the sweeps that are due among {@code owned}; returns how many are running. */
    public int step(List<Portal> owned) {
        running.values().removeIf(CompletableFuture::isDone);
        Instant now = clock.instant();
        for (Portal portal : owned) {
            long interval = portal.getCrawlIntervalSeconds();
            Instant next = due.computeIfAbsent(portal.getId(), id -> resumeSchedule
                    ? crawler.lastSweep(id).map(t -> t.plusSeconds(interval)).orElse(Instant.EPOCH) : Instant.EPOCH);
            if (running.containsKey(portal.getId()) || now.isBefore(next)) {
                continue;
            }
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
