package dev.govwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.govwatch.cli.DirectoryTree;

/**
 * A benchmark's working directory under the system's temporary directory (the embedded broker's
 * and registry's data, the services' state), deleted with everything in it when the benchmark
 * ends: each pipeline run left ~200 MB behind, a 100,000-page replay ~3 GB. Kept, and its path
 * printed, with {@code -Dgovwatch.bench.keep=true}, to read the broker's logs after a run.
 */
final class ScratchDirectory implements AutoCloseable {

    /** System property that keeps the directory after the run. */
    static final String KEEP_PROPERTY = "govwatch.bench.keep";

    private final Path path;
    private final boolean keep;

    ScratchDirectory(Path path, boolean keep) {
        this.path = path;
        this.keep = keep;
    }

    /** A new empty directory whose name begins with {@code prefix}; kept after {@link #close} if the property says so. */
    static ScratchDirectory create(String prefix) throws IOException {
        return new ScratchDirectory(Files.createTempDirectory(prefix), Boolean.getBoolean(KEEP_PROPERTY));
    }

    Path path() {
        return path;
    }

    /** Deletes the directory, deepest entries first, unless it is to be kept. */
    @Override
    public void close() throws IOException {
        if (keep) {
            System.out.println("kept " + path + " (" + KEEP_PROPERTY + "=true)");
            return;
        }
        DirectoryTree.delete(path);
    }
}
