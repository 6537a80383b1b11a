package dev.govwatch.crawler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Politeness: per host, one request in flight and at least the host's delay between the end of
 * one request and the start of the next, while any number of hosts proceed concurrently. Each
 * host's requests form a chain of futures, so no thread waits on a sleeping host.
 */
final class HostScheduler {

    private final Map<String, CompletableFuture<?>> tails = new ConcurrentHashMap<>();
    private final Map<String, Long> lastEnd = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> waiting = new ConcurrentHashMap<>();

    /** Requests submitted and not yet completed, over all hosts. */
    int waiting() {
        return waiting.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum();
    }

    /** Requests submitted and not yet completed at the host with the most. */
    int busiestHost() {
        return waiting.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).max().orElse(0);
    }

    /**
     * Runs {@code request} on {@code host} once the host's previous request has completed and
     * {@code delay} has passed since it did.
     */
    <T> CompletableFuture<T> submit(String host, Duration delay, Supplier<CompletableFuture<T>> request) {
        CompletableFuture<T> result = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger queue = waiting.computeIfAbsent(host, h -> new java.util.concurrent.atomic.AtomicInteger());
        queue.incrementAndGet();
        result.whenComplete((v, e) -> queue.decrementAndGet());
        tails.compute(host, (h, tail) -> {
            CompletableFuture<?> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            previous.thenCompose(v -> {
                Long end = lastEnd.get(host);
                long waitMs = end == null ? 0 : delay.toMillis() - (System.nanoTime() - end) / 1_000_000;
                Executor when = waitMs > 0 ? CompletableFuture.delayedExecutor(waitMs, TimeUnit.MILLISECONDS) : Runnable::run;
                return CompletableFuture.supplyAsync(() -> null, when).thenCompose(x -> request.get());
            }).whenComplete((value, error) -> {
                lastEnd.put(host, System.nanoTime());
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
            return result.handle((v, e) -> null);
        });
        return result;
    }
}
