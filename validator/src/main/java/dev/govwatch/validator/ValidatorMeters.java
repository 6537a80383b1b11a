package dev.govwatch.validator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.streams.StreamsMetrics;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.RegionPath;

/**
 * The validator's own counters, in the Kafka Streams metrics (so {@code --metrics-port} serves them
 * with the rest), tagged by province so that an operator sees where the alerts come from:
 * {@code reports-checked-total{province}} and {@code alert-changes-total{category,status,province}}
 * (an alert opened, updated or resolved). A report with no known province counts under {@code unknown}.
 */
final class ValidatorMeters {

    static final String GROUP = "govwatch-validator";

    private final StreamsMetrics metrics;
    private final Map<String, Sensor> sensors = new ConcurrentHashMap<>();

    ValidatorMeters(StreamsMetrics metrics) {
        this.metrics = metrics;
    }

    void checked(AnnualReport report) {
        count("reports-checked-total", "Report versions checked by the rules", Map.of("province", province(report.getRegion())));
    }

    void changed(Alert alert) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("category", alert.getCategory().name());
        tags.put("status", alert.getStatus().name());
        tags.put("province", province(alert.getRegion()));
        count("alert-changes-total", "Alerts opened, updated or resolved", tags);
    }

    private void count(String name, String description, Map<String, String> tags) {
        String id = GROUP + "." + name + tags;
        sensors.computeIfAbsent(id, k -> {
            Sensor sensor = metrics.addSensor(k, Sensor.RecordingLevel.INFO);
            sensor.add(new MetricName(name, GROUP, description, tags), new CumulativeCount());
            return sensor;
        }).record();
    }

    /** The province's canonical key (its 行政区划代码 where known, else its name). */
    private static String province(Region region) {
        return RegionPath.of(region).at(RegionPath.Level.PROVINCE).map(RegionPath.Place::key).orElse("unknown");
    }
}
