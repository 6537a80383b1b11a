package dev.govwatch.validator;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.kafka.streams.state.KeyValueStore;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertStatus;

/**
 * The open alerts of one subject (a report, or an agency's expected reports), kept in state stores
 * so that each alert is sent once per change: new findings go out OPEN, findings that disappear go
 * out RESOLVED under the same id, unchanged findings are not sent again.
 */
final class AlertLedger {

    private final KeyValueStore<String, Alert> openAlerts;
    private final KeyValueStore<String, String> index;
    private final Consumer<Alert> send;

    AlertLedger(KeyValueStore<String, Alert> openAlerts, KeyValueStore<String, String> index, Consumer<Alert> send) {
        this.openAlerts = openAlerts;
        this.index = index;
        this.send = send;
    }

    /**
     * Like {@link #reconcile}, but never opens an alert: what is open may resolve or change, and
     * anything new is left for a later full check. For moments when the findings may be premature,
     * such as a report arriving whose next-year sibling is still on its way through the pipeline.
     */
    void reconcileOpenOnly(String subject, List<Alert> found, Instant now) {
        Set<String> wasOpen = ids(index.get(subject));
        reconcile(subject, found.stream().filter(a -> wasOpen.contains(a.getId())).toList(), now);
    }

    /**
     * Sends what changed between the subject's open alerts and its current findings.
     *
     * @param subject index key: a report key, or "agency|" + name
     */
    void reconcile(String subject, List<Alert> found, Instant now) {
        Set<String> wasOpen = ids(index.get(subject));
        Map<String, Alert> current = new HashMap<>();
        for (Alert alert : found) {
            current.put(alert.getId(), alert);
            Alert previous = wasOpen.contains(alert.getId()) ? openAlerts.get(alert.getId()) : null;
            if (previous == null) {
                send.accept(alert);
            } else {
                alert.setRaisedAt(previous.getRaisedAt());
                if (!previous.getMessage().equals(alert.getMessage()) || !previous.getEvidence().equals(alert.getEvidence())) {
                    send.accept(alert);
                } else {
                    alert.setUpdatedAt(previous.getUpdatedAt());
                }
            }
        }
        for (String id : wasOpen) {
            if (!current.containsKey(id)) {
                Alert previous = openAlerts.get(id);
                if (previous != null) {
                    previous.setStatus(AlertStatus.RESOLVED);
                    previous.setUpdatedAt(now);
                    send.accept(previous);
                }
                openAlerts.delete(id);
            }
        }
        Set<String> open = new LinkedHashSet<>();
        for (Alert alert : current.values()) {
            // A change after publication is an event, not a condition: reported once, never resolved.
            if (!alert.getRule().equals("CHANGED")) {
                openAlerts.put(alert.getId(), alert);
                open.add(alert.getId());
            }
        }
        if (open.isEmpty()) {
            index.delete(subject);
        } else {
            index.put(subject, String.join("\n", open));
        }
    }

    /**
     * Moves the open alerts filed under a report key written before keys were canonical
     * ({@code from}) to the canonical key {@code to}: each gets its canonical id, keeps its raise
     * time and remembers the id it had ({@link Alert#getFormerIds()}, through which decisions made
     * on it still hold). The old id's last record says where the alert went ({@link Alert#getMovedTo()}),
     * with status RESOLVED so that it leaves the open lists.
     */
    void adopt(String from, String to, Instant now) {
        if (from.equals(to)) {
            return;
        }
        Set<String> legacy = ids(index.get(from));
        if (legacy.isEmpty()) {
            return;
        }
        Set<String> target = new LinkedHashSet<>(ids(index.get(to)));
        for (String id : legacy) {
            Alert old = openAlerts.get(id);
            if (old == null) {
                continue;
            }
            String prefix = old.getRule() + "|" + from;
            String newId = id.equals(prefix) ? old.getRule() + "|" + to
                    : id.startsWith(prefix + "|") ? old.getRule() + "|" + to + id.substring(prefix.length()) : id;
            if (newId.equals(id)) {
                target.add(id);
                continue;
            }
            List<String> former = new java.util.ArrayList<>(old.getFormerIds());
            former.add(id);
            Alert moved = Alert.newBuilder(old).setId(newId).setReportKey(to).setFormerIds(former).setMovedTo(null)
                    .setUpdatedAt(now).build();
            openAlerts.delete(id);
            openAlerts.put(newId, moved);
            target.add(newId);
            send.accept(Alert.newBuilder(old).setStatus(AlertStatus.RESOLVED).setMovedTo(newId).setUpdatedAt(now).build());
            send.accept(moved);
        }
        index.delete(from);
        index.put(to, String.join("\n", target));
    }

    private static Set<String> ids(String joined) {
        return joined == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(joined.split("\n")));
    }
}
