package dev.govwatch.streams;

import java.util.Optional;

import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

import dev.govwatch.schemas.RegistryUnavailable;

/**
 * Failures that are the environment's, not the record's: the schema registry unreachable, the state
 * directory full or read-only. A record that met one is fine and must be processed again once the
 * fault is mended, never dead-lettered; the stream thread fails instead and {@link StreamsService}
 * replaces it after a pause, restoring any state the fault left half-written from its changelog.
 */
public final class EnvironmentFault {

    private EnvironmentFault() {
    }

    /** What is wrong, in words for the log, if {@code error} or one of its causes is such a fault. */
    public static Optional<String> of(Throwable error) {
        if (RegistryUnavailable.causedBy(error)) {
            return Optional.of("schema registry unreachable or failing (5xx)");
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RocksDBException rocks && rocks.getStatus() != null
                    && rocks.getStatus().getSubCode() == Status.SubCode.NoSpace) {
                return Optional.of("no space left for the state stores");
            }
            String message = t.getMessage();
            if (message != null && message.contains("No space left on device")) {
                return Optional.of("no space left for the state stores");
            }
            if (message != null && message.contains("Read-only file system")) {
                return Optional.of("the state directory is on a read-only file system");
            }
        }
        return Optional.empty();
    }
}
