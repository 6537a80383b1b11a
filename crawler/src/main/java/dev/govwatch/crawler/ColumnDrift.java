package dev.govwatch.crawler;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which report columns have drifted: a column whose list page answers 404 or 410, or that listed
 * reports before and now lists none, for {@link #SWEEPS} sweeps running. A portal redesign moves
 * its columns; this is how the crawler notices, instead of failing sweep after sweep.
 */
final class ColumnDrift {

    /** Sweeps in a row a column must look gone before it counts as drifted. */
    static final int SWEEPS = 3;

    private record Health(int misses, boolean listedReports) {
    }

    private final Map<String, Health> columns = new ConcurrentHashMap<>();

    /** One sweep's view of a column: the first list page's HTTP status (0: no answer) and the reports it listed. */
    void record(String column, int status, int reports) {
        columns.compute(column, (c, old) -> {
            boolean listedBefore = old != null && old.listedReports();
            boolean gone = status == 404 || status == 410 || (status == 200 && reports == 0 && listedBefore);
            if (gone) {
                return new Health(old == null ? 1 : old.misses() + 1, listedBefore);
            }
            // Other failures (5xx, timeouts) say the site is down, not that the column moved.
            return status == 200 ? new Health(0, listedBefore || reports > 0) : old == null ? new Health(0, false) : old;
        });
    }

    /** The columns among {@code listPages} that have looked gone for {@link #SWEEPS} sweeps or more. */
    List<String> drifted(List<String> listPages) {
        return listPages.stream().filter(c -> columns.containsKey(c) && columns.get(c).misses() >= SWEEPS).toList();
    }

    /** Whether it is time to look for the column again: when it first counts as drifted, then every {@link #SWEEPS} sweeps. */
    boolean dueForRediscovery(String column) {
        Health h = columns.get(column);
        return h != null && h.misses() >= SWEEPS && h.misses() % SWEEPS == 0;
    }

    int misses(String column) {
        Health h = columns.get(column);
        return h == null ? 0 : h.misses();
    }

    void forget(String column) {
        columns.remove(column);
    }
}
