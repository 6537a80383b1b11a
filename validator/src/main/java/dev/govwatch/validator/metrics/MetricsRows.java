package dev.govwatch.validator.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.avro.Schema;

import dev.govwatch.schemas.MetricCounts;

/** {@link MetricCounts} to and from the JSON maps in which instances hand each other their sums. */
public final class MetricsRows {

    private MetricsRows() {
    }

    public static Map<String, Object> toMap(MetricCounts counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Schema.Field f : MetricCounts.getClassSchema().getFields()) {
            m.put(f.name(), counts.get(f.pos()));
        }
        return m;
    }

    /** Reads what {@link #toMap} wrote (after a JSON round trip: numbers of any width, text as strings). */
    public static MetricCounts fromMap(Map<?, ?> m) {
        MetricCounts counts = MetricsStore.empty("", null, "", null);
        for (Schema.Field f : MetricCounts.getClassSchema().getFields()) {
            Object v = m.get(f.name());
            if (v instanceof Number n) {
                counts.put(f.pos(), n.longValue());
            } else if (v != null) {
                counts.put(f.pos(), v.toString());
            }
        }
        return counts;
    }
}
