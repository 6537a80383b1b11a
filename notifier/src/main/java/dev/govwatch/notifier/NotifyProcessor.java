package dev.govwatch.notifier;

import java.util.List;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertJson;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.Delivery;
import dev.govwatch.schemas.Decision;
import dev.govwatch.schemas.Review;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Decides which webhook gets which alert state change, once per webhook: the last state decided
 * for each webhook is kept in a state store, so an alert seen again in the same state (after a
 * replay of the validator, or a restart of the notifier) is not sent again. An alert that reviewers
 * dismissed or snoozed (on the evidence it still shows) is not sent. Sending is not done here: each
 * decision goes to {@link dev.govwatch.schemas.Topics#DELIVERIES} in the same transaction as the
 * store update, and the {@link DeliveryLoop} sends it, so that no HTTP call (nor its retries)
 * ever holds up the stream thread or its transaction.
 */
final class NotifyProcessor implements Processor<String, Alert, String, Delivery> {

    static final String STORE = "notifier-sent";
    /** Alert id → the latest decision (a global store). */
    static final String DECISIONS = "notifier-decisions";
    /** Alert id → an open alert held back because reviewers dismissed or snoozed it. */
    static final String HELD = "notifier-held";
    /** How often held alerts are looked at again (a snooze ends, a decision is withdrawn). */
    static final java.time.Duration RECHECK = java.time.Duration.ofMinutes(10);

    private final List<Webhook> webhooks;
    private ProcessorContext<String, Delivery> context;
    private KeyValueStore<String, String> sent;
    private org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, ValueAndTimestamp<Decision>> decisions;
    private KeyValueStore<String, Alert> held;

    NotifyProcessor(List<Webhook> webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public void init(ProcessorContext<String, Delivery> context) {
        this.context = context;
        this.sent = context.getStateStore(STORE);
        this.decisions = context.getStateStore(DECISIONS);
        this.held = context.getStateStore(HELD);
        context.schedule(RECHECK, org.apache.kafka.streams.processor.PunctuationType.WALL_CLOCK_TIME, now -> releaseHeld());
    }

    /** Sends the held alerts that want attention again: their snooze ended, or the decision was withdrawn. */
    private void releaseHeld() {
        List<Alert> due = new java.util.ArrayList<>();
        try (var all = held.all()) {
            while (all.hasNext()) {
                Alert alert = all.next().value;
                if (review(alert).wantsAttention()) {
                    due.add(alert);
                }
            }
        }
        for (Alert alert : due) {
            held.delete(alert.getId());
            decide(alert, context.currentSystemTimeMs());
        }
    }

    @Override
    public void process(Record<String, Alert> record) {
        Alert alert = record.value();
        if (alert == null) {
            return;
        }
        decide(alert, record.timestamp());
    }

    private void decide(Alert alert, long timestamp) {
        String state = alert.getStatus().name();
        if (alert.getStatus() != AlertStatus.OPEN || alert.getMovedTo() != null) {
            held.delete(alert.getId());
        }
        if (alert.getMovedTo() != null) {
            // Not resolved: the alert lives on under its canonical id, announced with it.
            return;
        }
        if (alert.getStatus() == AlertStatus.OPEN && !review(alert).wantsAttention()) {
            // Dismissed, or snoozed, on the evidence the alert still shows: people decided it needs no
            // message for now. Held, so that it goes out when the snooze ends or the decision is withdrawn.
            held.put(alert.getId(), alert);
            return;
        }
        held.delete(alert.getId());
        for (Webhook hook : webhooks) {
            String key = hook.name() + "|" + alert.getId();
            if (sent.get(key) == null && alert.getFormerIds().stream().anyMatch(id -> state.equals(sent.get(hook.name() + "|" + id)))) {
                sent.put(key, state); // sent under the id it had before its key became canonical
            }
            if (!hook.wants(alert) || state.equals(sent.get(key))) {
                continue;
            }
            String event = alert.getStatus() == AlertStatus.OPEN ? "alert.opened" : "alert.resolved";
            String json = AlertJson.write(java.util.Map.of("event", event, "webhook", hook.name(), "alert", AlertJson.toMap(alert)));
            Delivery delivery = Delivery.newBuilder().setDeliveryId(deliveryId(hook, alert)).setWebhook(hook.name())
                    .setEvent(event).setAlertId(alert.getId()).setBody(json)
                    .setDecidedAt(java.time.Instant.ofEpochMilli(context.currentSystemTimeMs())).build();
            context.forward(new Record<>(hook.name(), delivery, timestamp));
            sent.put(key, state);
        }
    }

    private Review review(Alert alert) {
        return Review.of(alert, Review.decisionFor(alert, id -> {
                    ValueAndTimestamp<Decision> decision = decisions.get(id);
                    return decision == null ? null : decision.value();
                }),
                java.time.LocalDate.ofInstant(java.time.Instant.ofEpochMilli(context.currentSystemTimeMs()),
                        java.time.ZoneId.systemDefault()));
    }

    /**
     * The same for every attempt and every resend of one state change to one webhook, so receivers
     * can drop repeats; hashed, because alert ids hold Chinese text and HTTP headers only ASCII.
     */
    static String deliveryId(Webhook hook, Alert alert) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest((hook.name() + "|" + alert.getId() + "|"
                    + alert.getStatus() + "|" + alert.getUpdatedAt()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
