package dev.govwatch.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Which record of each key of a compacted topic is its latest. Within a partition the later offset,
 * as compaction has it. Across partitions read order says nothing, and a key can sit on two: a
 * report written before reports were placed by agency stays on its key's partition, the versions
 * since go to the agency's ({@link dev.govwatch.schemas.ReportPlacement}); there the higher
 * {@code version} (a report's extraction time) wins, a tie going to the record read later.
 *
 * @param <V> the record's value
 */
final class LatestRecords<V> {

    private record Position(int partition, long offset, long version) {
    }

    private final ToLongFunction<V> version;
    private final Map<String, Position> latest = new HashMap<>();

    /** @param version orders two values of one key found on different partitions */
    LatestRecords(ToLongFunction<V> version) {
        this.version = version;
    }

    /** Takes the next record read; a null value deletes the key. */
    void offer(String key, V value, int partition, long offset) {
        if (value == null) {
            latest.remove(key);
            return;
        }
        long v = version.applyAsLong(value);
        Position seen = latest.get(key);
        if (seen == null || seen.partition() == partition || v >= seen.version()) {
            latest.put(key, new Position(partition, offset, v));
        }
    }

    /** Whether the record at {@code partition}/{@code offset} is the key's latest. */
    boolean isLatest(String key, int partition, long offset) {
        Position p = latest.get(key);
        return p != null && p.partition() == partition && p.offset() == offset;
    }
}
