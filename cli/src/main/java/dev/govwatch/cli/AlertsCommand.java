package dev.govwatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertJson;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.Decision;
import dev.govwatch.schemas.Review;
import dev.govwatch.schemas.RegionPath;
import dev.govwatch.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code govwatch alerts}: the alerts topic for people and scripts. Every state change (OPEN,
 * RESOLVED) in order, filtered; {@code --open} shows only what is open now; {@code --follow} keeps
 * printing as alerts arrive. Reads by assignment, outside any consumer group, so it never moves a
 * service's offsets and can run any number of times.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Print alerts from the alerts topic (of a govwatch run, or of a cluster), filtered; --follow to keep watching.")
final class AlertsCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = {"-f", "--follow"}, description = "Keep printing alerts as they arrive, until Ctrl-C.")
    private boolean follow;

    @Option(names = "--since", description = "Only alerts written after TIME: an instant (2026-11-24T08:00:00Z), a date (2026-11-24) "
            + "or an age (30m, 12h, 7d).")
    private String since;

    @Option(names = "--category", split = ",", description = "Only these categories, e.g. MISSING,LATE.")
    private Set<String> categories;

    @Option(names = "--region", description = "Only alerts in this place: a 行政区划代码 (37, 3703, 370323) or a province, prefecture or county name (山东省, 淄博市, 沂源县).")
    private String region;

    @Option(names = "--open", description = "Only alerts open now (their latest state), instead of every state change.")
    private boolean openOnly;

    @Option(names = "--undecided", description = "Only open alerts no reviewer has decided on (or whose snooze ended, "
            + "or whose figures changed since they were reviewed); implies --open.")
    private boolean undecidedOnly;

    @Option(names = "--format", defaultValue = "text", description = "text or json (one alert object per line) (default: ${DEFAULT-VALUE}).")
    private Format format;

    /** Latest decision per alert id, read once at the start. */
    private Map<String, Decision> decisions = Map.of();

    /** Ctrl-C, or a test, stops --follow. */
    final StopSignal stop = new StopSignal("govwatch-alerts-stop");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterOptions.Cluster target;
        Instant from;
        try {
            target = cluster.resolve(System.getenv());
            from = since == null ? null : parseSince(since, Instant.now());
        } catch (IllegalArgumentException e) {
            err.println("govwatch alerts: " + e.getMessage());
            return 2;
        }
        Set<String> wanted = categories == null ? null
                : categories.stream().map(c -> c.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        openOnly |= undecidedOnly;
        try {
            decisions = TopicSnapshot.read(target, Topics.DECISIONS, id -> true);
        } catch (KafkaException e) {
            err.println("govwatch alerts: cannot reach " + target.describe() + " (" + e.getMessage() + "); is it running?");
            return 2;
        }
        Map<String, Object> config = new HashMap<>(target.client());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (StopSignal armed = stop.arm(Duration.ofSeconds(10));
             KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                     AvroSerdes.<Alert>deserializer(target.registry()))) {
            List<TopicPartition> partitions;
            try {
                partitions = consumer.partitionsFor(Topics.ALERTS.name(), Duration.ofSeconds(15)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            } catch (KafkaException e) {
                err.println("govwatch alerts: cannot reach " + target.describe() + " (" + e.getMessage() + "); is it running?");
                return 2;
            }
            consumer.assign(partitions);
            seek(consumer, partitions, from);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<String, Alert> latest = new LinkedHashMap<>();
            while (!stop.requested()) {
                for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(300))) {
                    Alert alert = record.value();
                    if (alert == null || !matches(alert, wanted)) {
                        continue;
                    }
                    if (openOnly) {
                        latest.remove(alert.getId());
                        latest.put(alert.getId(), alert);
                    } else {
                        print(out, alert);
                    }
                }
                boolean caughtUp = partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                if (caughtUp && openOnly && !latest.isEmpty()) {
                    latest.values().stream().filter(a -> a.getStatus() == AlertStatus.OPEN)
                            .filter(a -> !undecidedOnly || review(a).undecided()).forEach(a -> print(out, a));
                    latest.clear();
                    openOnly = !follow; // following: later changes print as they come
                }
                if (caughtUp && !follow) {
                    break;
                }
            }
        }
        out.flush();
        return 0;
    }

    private static void seek(KafkaConsumer<String, Alert> consumer, List<TopicPartition> partitions, Instant from) {
        if (from == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp at = found.get(p);
            consumer.seek(p, at == null ? end.get(p) : at.offset());
        }
    }

    private boolean matches(Alert alert, Set<String> wanted) {
        if (wanted != null && !wanted.contains(alert.getCategory().name())) {
            return false;
        }
        return region == null || RegionPath.of(alert.getRegion()).within(region);
    }

    private Review review(Alert alert) {
        return Review.of(alert, Review.decisionFor(alert, decisions::get), LocalDate.now());
    }

    private void print(PrintWriter out, Alert alert) {
        Review review = review(alert);
        if (format == Format.json) {
            Map<String, Object> map = new LinkedHashMap<>(AlertJson.toMap(alert));
            map.put("review", review.status().name());
            if (review.decision() != null) {
                Decision d = review.decision();
                Map<String, Object> decision = new LinkedHashMap<>();
                decision.put("verdict", d.getVerdict().name());
                decision.put("reviewer", d.getReviewer());
                decision.put("reason", d.getReason());
                decision.put("snoozedUntil", d.getSnoozedUntil() == null ? null : d.getSnoozedUntil().toString());
                decision.put("decidedAt", d.getDecidedAt().toString());
                map.put("decision", decision);
            }
            out.println(AlertJson.write(map));
        } else {
            out.printf("%s %-8s %-15s %-16s %s %s%s%n", alert.getUpdatedAt() == null ? "-" : alert.getUpdatedAt().toString().substring(0, 19),
                    alert.getStatus(), alert.getCategory(), alert.getRule(), alert.getAgency() == null ? "" : alert.getAgency(),
                    alert.getMessage(), review.status() == Review.Status.UNDECIDED ? "" : " [" + review.status() + "]");
        }
        out.flush();
    }

    /** An instant, a date (midnight UTC) or an age such as 30m, 12h, 7d. */
    static Instant parseSince(String text, Instant now) {
        String t = text.trim();
        if (t.matches("\\d+[smhd]")) {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            Duration age = switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(age);
        }
        try {
            return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since " + text + ": not an instant (2026-11-24T08:00:00Z), a date (2026-11-24) "
                    + "or an age (30m, 12h, 7d)");
        }
    }
}
