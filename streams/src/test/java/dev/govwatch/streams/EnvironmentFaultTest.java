package dev.govwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystemException;

import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

class EnvironmentFaultTest {

    @Test
    void aFullDiskUnderAStoreIsTheEnvironments() {
        RocksDBException rocks = new RocksDBException("IO error: While appending to file",
                new Status(Status.Code.IOError, Status.SubCode.NoSpace, "While appending to file"));
        assertThat(EnvironmentFault.of(new ProcessorStateException("Error while executing flush from store alerts", rocks)))
                .contains("no space left for the state stores");
        assertThat(EnvironmentFault.of(new StreamsException(new IOException("No space left on device"))))
                .contains("no space left for the state stores");
    }

    @Test
    void aReadOnlyStateDirectoryIsTheEnvironments() {
        assertThat(EnvironmentFault.of(new ProcessorStateException("checkpoint",
                new FileSystemException("/state/1_0/.checkpoint", null, "Read-only file system"))))
                .contains("the state directory is on a read-only file system");
    }

    @Test
    void faultsOfTheRecordAreNot() {
        assertThat(EnvironmentFault.of(new IllegalArgumentException("表三 has 7 columns, expected 8"))).isEmpty();
        assertThat(EnvironmentFault.of(new RocksDBException("Corruption: bad block",
                new Status(Status.Code.Corruption, Status.SubCode.None, "bad block")))).isEmpty();
        assertThat(EnvironmentFault.of(new StreamsException(new IOException("stream closed")))).isEmpty();
    }
}
