package dev.govwatch.crawler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;

/**
 * Each origin's robots.txt rules, kept as RFC 9309 says: a file read (200) or absent (4xx, allow
 * all) for up to a day; an unreachable one (5xx or no answer) means "disallow all" only for a
 * while, then it is asked for again — the last rules read stay in force meanwhile, if there were
 * any. Before, one 503 kept a host disallowed for the life of the process.
 */
final class RobotsCache {

    /** How much of a robots.txt is read (RFC 9309 asks for at least 500 KiB). */
    static final int LIMIT = 500 * 1024;
    /** RFC 9309 §2.4: a cached copy SHOULD NOT be used for more than 24 hours. */
    static final Duration FRESH = Duration.ofHours(24);
    /** First wait before asking an unreachable host again; doubled at each failure up to {@link #MAX_RETRY}. */
    static final Duration FIRST_RETRY = Duration.ofMinutes(5);
    static final Duration MAX_RETRY = Duration.ofHours(2);

    /**
     * "Disallow all" because robots.txt could not be read (RFC 9309 §2.3.1.4): the crawler counts
     * the requests it stops as failures, with the reason, not as pages the site forbids.
     */
    static final class Unreachable extends SimpleRobotRules {
        private static final long serialVersionUID = 1L;
        private final String reason;

        Unreachable(String reason) {
            super(RobotRulesMode.ALLOW_NONE);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    private record Entry(CompletableFuture<BaseRobotRules> rules, Instant expires, BaseRobotRules lastRead, int failures) {
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    RobotsCache(Clock clock) {
        this.clock = clock;
    }

    /** The origin's rules (cached under {@code key}), fetched with {@code fetch} when none are cached or they have expired. */
    CompletableFuture<BaseRobotRules> rules(String key, String origin, Supplier<CompletableFuture<FetchResult>> fetch) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        CompletableFuture<BaseRobotRules>[] created = new CompletableFuture[1];
        Entry entry = entries.compute(key, (k, old) -> {
            if (old != null && (!old.rules().isDone() || now.isBefore(old.expires()))) {
                return old;
            }
            created[0] = new CompletableFuture<>();
            return new Entry(created[0], Instant.MAX, old == null ? null : old.lastRead(), old == null ? 0 : old.failures());
        });
        if (created[0] != null) {
            // Fetched outside compute(): the answer replaces this entry, which compute() may not do from within.
            CompletableFuture<FetchResult> answer;
            try {
                answer = fetch.get();
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((r, error) -> settle(key, origin, created[0], r, error, entry.lastRead(), entry.failures()));
        }
        return entry.rules();
    }

    private void settle(String key, String origin, CompletableFuture<BaseRobotRules> pending, FetchResult r, Throwable error,
                        BaseRobotRules lastRead, int failures) {
        Instant now = clock.instant();
        boolean unreachable = error != null || r.error() != null || r.status() >= 500 || r.status() == 0;
        BaseRobotRules rules;
        Entry entry;
        if (unreachable) {
            // Disallow all for now, unless rules were read before: those stay in force (RFC 9309 §2.4).
            String why = error != null ? String.valueOf(error.getMessage()) : r.error() != null ? r.error() : "HTTP " + r.status();
            rules = lastRead != null ? lastRead : new Unreachable(origin + "/robots.txt unreachable (" + why + "); asked again after a while");
            Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(failures, 10));
            entry = new Entry(pending, now.plus(wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait), lastRead, failures + 1);
        } else if (r.status() == 200) {
            // RFC 9309 lets a crawler stop reading at 500 KiB; a larger file is cut there.
            byte[] body = r.body().length > LIMIT ? java.util.Arrays.copyOf(r.body(), LIMIT) : r.body();
            rules = new SimpleRobotRulesParser().parseContent(origin + "/robots.txt", body,
                    String.valueOf(r.header("content-type")), List.of("govwatch"));
            entry = new Entry(pending, now.plus(FRESH), rules, 0);
        } else {
            // No robots.txt (4xx) allows everything.
            rules = new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL);
            entry = new Entry(pending, now.plus(FRESH), rules, 0);
        }
        entries.put(key, entry);
        pending.complete(rules);
    }
}
