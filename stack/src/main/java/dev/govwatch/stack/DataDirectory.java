package dev.govwatch.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * The embedded stack's data directory, held exclusively while the stack runs. It also remembers
 * the ports of the last run, so that a restarted stack comes back on the same addresses and
 * clients configured against it keep working.
 */
final class DataDirectory implements AutoCloseable {

    private static final String PORTS_FILE = "ports.properties";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Properties ports = new Properties();

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates the directory if needed and locks it, or explains why it cannot be used. */
    static DataDirectory open(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StackException("cannot create the data directory " + root + ": " + e, e);
        }
        if (!Files.isWritable(root)) {
            throw new StackException("the data directory " + root + " is not writable");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(root.resolve("stack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StackException("cannot write in the data directory " + root + ": " + e, e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by a stack in this very JVM
            }
            if (lock == null) {
                channel.close();
                throw new StackException("the data directory " + root
                        + " is in use by another govwatch stack; stop it or choose another directory");
            }
            DataDirectory dir = new DataDirectory(root, channel, lock);
            dir.loadPorts();
            return dir;
        } catch (IOException e) {
            throw new StackException("cannot lock the data directory " + root + ": " + e, e);
        }
    }

    Path root() {
        return root;
    }

    /** A subdirectory, created if missing. */
    Path subdirectory(String name) {
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StackException("cannot create " + dir + ": " + e, e);
        }
        return dir;
    }

    /**
     * The port to listen on for {@code name}: the configured one if non-zero (it must be free), else
     * the one of the last run if still free, else a free one. The choice is remembered.
     */
    int port(String name, int configured) {
        int port;
        if (configured != 0) {
            if (!isFree(configured)) {
                throw new StackException("port " + configured + " for " + name + " is already in use on 127.0.0.1");
            }
            port = configured;
        } else {
            String remembered = ports.getProperty(name);
            port = remembered != null && isFree(Integer.parseInt(remembered)) ? Integer.parseInt(remembered) : freePort();
        }
        ports.setProperty(name, Integer.toString(port));
        savePorts();
        return port;
    }

    /** Forgets the remembered ports, so that the next {@link #port} calls choose free ones afresh. */
    void forgetPorts() {
        ports.clear();
        savePorts();
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // The lock goes with the process anyway.
        }
    }

    /** The ports remembered in {@code root}, read without taking the lock (the stack may be running). */
    static java.util.Optional<Properties> rememberedPorts(Path root) {
        Path file = root.resolve(PORTS_FILE);
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        Properties remembered = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            remembered.load(in);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(remembered);
    }

    private void loadPorts() throws IOException {
        Path file = root.resolve(PORTS_FILE);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                ports.load(in);
            }
        }
    }

    private void savePorts() {
        Path file = root.resolve(PORTS_FILE);
        try (OutputStream out = Files.newOutputStream(file)) {
            ports.store(out, "ports of the last embedded stack run");
        } catch (IOException e) {
            throw new StackException("cannot write " + file + ": " + e, e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StackException("no free port on 127.0.0.1: " + e, e);
        }
    }
}
