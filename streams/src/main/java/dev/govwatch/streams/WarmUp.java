package dev.govwatch.streams;

import java.time.Duration;

/**
 * What a service does with built-in sample records before it consumes, so that its first real
 * records are answered at speed: a fresh JVM runs the extractor's code interpreted for its first
 * few hundred pages, and Apicurio's serdes look each schema up on first use. Measured from the
 * first page a service sees, that start-up put the page → alert p99 at 1.4 s against 670 ms once
 * warm (docs/BENCHMARKS.md).
 */
@FunctionalInterface
public interface WarmUp {

    /** No warm-up (tests, tools that are not services). */
    WarmUp NONE = budget -> 0;

    /**
     * Processes sample records for at most about {@code budget}.
     *
     * @return how many sample records were processed
     */
    int run(Duration budget);
}
