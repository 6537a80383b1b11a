package dev.govwatch.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or a test) asking a long-running command to stop, and the command telling the JVM when
 * it has. While armed, a shutdown hook requests the stop and then holds the JVM open until the
 * command has closed its services (or the grace period ends), so that sweeps in flight finish and
 * producers flush. Closing disarms it: the hook is removed, so that a command run in-process (by a
 * test, or twice) leaves nothing behind that would stall the JVM's exit.
 */
final class StopSignal implements AutoCloseable {

    private final String name;
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private Thread hook;

    StopSignal(String name) {
        this.name = name;
    }

    /** Installs the Ctrl-C hook; close this signal last, once the command's services are closed. */
    StopSignal arm(Duration grace) {
        hook = new Thread(() -> {
            requested.countDown();
            try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    void request() {
        requested.countDown();
    }

    boolean requested() {
        return requested.getCount() == 0;
    }

    /** Blocks until a stop is requested. */
    void await() throws InterruptedException {
        requested.await();
    }

    @Override
    public void close() {
        finished.countDown();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running: it sees 'finished' and lets the JVM go.
            }
            hook = null;
        }
    }
}
