package dev.govwatch.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The heap over a run: in use, sampled every 50 ms on a daemon thread (the peak is what one instant
 * held, not a sum of pool peaks), and in use just after each collection. The first approaches
 * {@code -Xmx} whatever the program keeps, since a collector lets the heap fill before it collects;
 * the second — the most any collection left behind, floating garbage in the old generation included —
 * is what the program needs, and the pause time says what living within the limit cost.
 */
final class HeapSampler {
    private final java.util.Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP).map(java.lang.management.MemoryPoolMXBean::getName)
            .collect(java.util.stream.Collectors.toSet());
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong pauseMs = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
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
    private final NotificationListener afterGc = (notification, handback) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        // G1's concurrent cycle reports as a "collection" that pauses nothing and frees nothing yet: its time is not a pause.
        if (!info.getGcName().contains("Concurrent")) {
            pauseMs.addAndGet(info.getGcInfo().getDuration());
        }
        collections.incrementAndGet();
        // The usage after a collection lists every pool the collector manages; the code cache and metaspace are not heap.
        long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
        peakAfterGc.accumulateAndGet(used, Math::max);
    };
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

    HeapSampler() {
        thread.setDaemon(true);
        thread.start();
        collectors.forEach(c -> ((NotificationEmitter) c).addNotificationListener(afterGc, null, null));
    }

    /** Stops sampling and returns the peak in use, in bytes. */
    long stop() throws InterruptedException {
        running = false;
        thread.join();
        for (GarbageCollectorMXBean c : collectors) {
            try {
                ((NotificationEmitter) c).removeNotificationListener(afterGc);
            } catch (ListenerNotFoundException e) {
                // never added: nothing to remove
            }
        }
        return peak.get();
    }

    /** The most the heap held just after a collection, in bytes (0 when none ran). */
    long peakAfterGc() {
        return peakAfterGc.get();
    }

    /** Time the collections paused the program, in milliseconds. */
    long pauseMs() {
        return pauseMs.get();
    }

    long collections() {
        return collections.get();
    }
}
