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

        assertThat(latest.isLatest("k", 2, 11)).isTrue();
        assertThat(latest.isLatest("k", 2, 10)).isFalse();
    }

    /** A report written before reports were placed by agency, and a later version on the agency's partition. */
    @Test
    void acrossPartitionsTheHigherVersionIsLatestInEitherReadOrder() {
        latest.offer("old-first", 1L, 0, 7);
        latest.offer("old-first", 2L, 3, 4);
        latest.offer("new-first", 2L, 3, 5);
        latest.offer("new-first", 1L, 0, 8);

        assertThat(latest.isLatest("old-first", 3, 4)).isTrue();
        assertThat(latest.isLatest("old-first", 0, 7)).isFalse();
        assertThat(latest.isLatest("new-first", 3, 5)).isTrue();
        assertThat(latest.isLatest("new-first", 0, 8)).isFalse();
    }

    @Test
    void aTieAcrossPartitionsGoesToTheRecordReadLater() {
        latest.offer("k", 4L, 0, 1);
        latest.offer("k", 4L, 1, 1);

        assertThat(latest.isLatest("k", 1, 1)).isTrue();
        assertThat(latest.isLatest("k", 0, 1)).isFalse();
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
}
