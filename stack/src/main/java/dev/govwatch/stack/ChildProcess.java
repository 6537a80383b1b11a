package dev.govwatch.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JVM the stack runs beside itself (the broker, the registry), with its output in a log file and
 * its pid in a file, so that a child orphaned by a killed parent is found and stopped on the next
 * start instead of holding the ports and the data directory.
 */
final class ChildProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    /** Marks our children's command lines, so a pid file never makes us kill a stranger. */
    private static final String MARKER_PROPERTY = "govwatch.child";

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;

    private ChildProcess(String name, Process process, Path logFile, Path pidFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    /**
     * Starts {@code java <jvmArgs> <mainArgs>} with the current JVM's java binary.
     *
     * @param workDir directory for the log and pid files
     */
    static ChildProcess startJava(String name, Path workDir, List<String> jvmArgs, List<String> mainArgs,
                                  Map<String, String> env) {
        Path logFile = workDir.resolve(name + ".log");
        Path pidFile = workDir.resolve(name + ".pid");
        String marker = name + "@" + workDir;
        stopOrphan(pidFile, marker);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-D" + MARKER_PROPERTY + "=" + marker);
        command.addAll(jvmArgs);
        command.addAll(mainArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.UTF_8);
            LOG.debug("{} started as pid {}, log {}", name, process.pid(), logFile);
            return new ChildProcess(name, process, logFile, pidFile);
        } catch (IOException e) {
            throw new StackException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs a short-lived child to completion, failing with its output if it exits non-zero. */
    static void runJava(String name, Path workDir, List<String> jvmArgs, List<String> mainArgs, Duration timeout) {
        ChildProcess child = startJava(name, workDir, jvmArgs, mainArgs, Map.of());
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.close();
                throw new StackException(name + " did not finish within " + timeout + "; see " + child.logFile);
            }
            if (child.process.exitValue() != 0) {
                throw new StackException(name + " failed with exit code " + child.process.exitValue() + ":\n"
                        + child.logTail(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.close();
            throw new StackException("interrupted while running " + name, e);
        } finally {
            deleteQuietly(child.pidFile);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /** The last lines of the child's output, for error messages. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** One readiness check: true when ready; an exception counts as not ready yet. */
    @FunctionalInterface
    interface ReadinessProbe {
        boolean ready() throws Exception;
    }

    /**
     * Polls {@code probe} until it answers true, failing at once (with the end of the child's log)
     * if the child exits, and after {@code timeout} otherwise.
     *
     * @param what how the messages name the child, e.g. "the Kafka broker at 127.0.0.1:9092"
     */
    void awaitReady(String what, Duration timeout, ReadinessProbe probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            if (!process.isAlive()) {
                throw new StackException(what + " exited during start-up; its log (" + logFile + ") ends with:\n" + logTail(40));
            }
            try {
                if (probe.ready()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                last = e; // not ready yet
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(what + " was not ready within " + timeout + "; see " + logFile, last);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Asks the child to stop (SIGTERM), then kills it if it has not exited within {@code grace}. */
    void stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("{} (pid {}) did not stop within {}; killing it", name, process.pid(), grace);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        deleteQuietly(pidFile);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    private static void stopOrphan(Path pidFile, String marker) {
        Optional<ProcessHandle> orphan = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(p -> p.info().commandLine().map(c -> c.contains(MARKER_PROPERTY + "=" + marker)).orElse(false));
        orphan.ifPresent(p -> {
            LOG.warn("stopping {} left running by an earlier run (pid {})", marker, p.pid());
            p.destroy();
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
        deleteQuietly(pidFile);
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("cannot delete {}", file, e);
        }
    }
}
