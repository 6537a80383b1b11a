package dev.govwatch.bench;

import java.lang.management.ManagementFactory;

/** Heap in use, sampled every 50 ms on a daemon thread: the peak is what one instant held, not a sum of pool peaks. */
final class HeapSampler {
    private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running = true;
    private final Thread thread = new Thread(() -> {
        while (running) {
            peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }, "heap-sampler");

    HeapSampler() {
        thread.setDaemon(true);
        thread.start();
    }

    long stop() throws InterruptedException {
        running = false;
        thread.join();
        return peak.get();
    }
}
