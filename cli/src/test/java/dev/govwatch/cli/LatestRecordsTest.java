package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The latest record of each key: by offset within a partition, by version across partitions. */
class LatestRecordsTest {

    private final LatestRecords<Long> latest = new LatestRecords<>(version -> version);

    @Test
    void withinAPartitionTheLaterOffsetIsLatestWhateverItsVersion() {
        latest.offer("k", 5L, 2, 10);
        latest.offer("k", 3L, 2, 11);

        assertLatest("k", 2, 11, 2, 10);
    }

    /** A report written before reports were placed by agency, and a later version on the agency's partition. */
    @Test
    void acrossPartitionsTheHigherVersionIsLatestInEitherReadOrder() {
        latest.offer("old-first", 1L, 0, 7);
        latest.offer("old-first", 2L, 3, 4);
        latest.offer("new-first", 2L, 3, 5);
        latest.offer("new-first", 1L, 0, 8);

        assertLatest("old-first", 3, 4, 0, 7);
        assertLatest("new-first", 3, 5, 0, 8);
    }

    @Test
    void aTieAcrossPartitionsGoesToTheRecordReadLater() {
        latest.offer("k", 4L, 0, 1);
        latest.offer("k", 4L, 1, 1);

        assertLatest("k", 1, 1, 0, 1);
    }

    @Test
    void aTombstoneDeletesTheKeyAndALaterValueBringsItBack() {
        latest.offer("k", 4L, 0, 1);
        latest.offer("k", null, 0, 2);
        assertThat(latest.isLatest("k", 0, 1)).isFalse();

        latest.offer("k", 1L, 0, 3);
        assertThat(latest.isLatest("k", 0, 3)).isTrue();
        assertThat(latest.isLatest("other", 0, 3)).isFalse();
    }

    /** The record at {@code partition}/{@code offset} is the key's latest, the one at {@code otherPartition}/{@code otherOffset} not. */
    private void assertLatest(String key, int partition, long offset, int otherPartition, long otherOffset) {
        assertThat(latest.isLatest(key, partition, offset)).isTrue();
        assertThat(latest.isLatest(key, otherPartition, otherOffset)).isFalse();
    }
}
