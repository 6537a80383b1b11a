package dev.govwatch.notifier;

import java.util.List;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertJson;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.DeadLetter;
import dev.govwatch.schemas.Decision;
import dev.govwatch.schemas.Review;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import dev.govwatch.streams.DeadLetterRecords;

/**
 * Sends each alert state change to the webhooks that want it, once per webhook: the last state
 * sent to each webhook is kept in a state store, so an alert seen again in the same state (after a
 * replay of the validator, or a restart of the notifier) is not sent again. A notification that
 * cannot be delivered becomes a dead letter with the webhook's URL and the reason, and is marked
 * sent, so one broken receiver cannot stall the others forever. An alert that reviewers dismissed or
 * snoozed (on the evidence it still shows) is not sent.
 */
final class NotifyProcessor implements Processor<String, Alert, String, DeadLetter> {

    static final String STORE = "notifier-sent";
    /** Alert id → the latest decision (a global store). */
    static final String DECISIONS = "notifier-decisions";

    private final List<Webhook> webhooks;
    private final WebhookSender sender;
    private ProcessorContext<String, DeadLetter> context;
    private KeyValueStore<String, String> sent;
    private org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, ValueAndTimestamp<Decision>> decisions;

    NotifyProcessor(List<Webhook> webhooks, WebhookSender sender) {
        this.webhooks = webhooks;
        this.sender = sender;
    }

    @Override
    public void init(ProcessorContext<String, DeadLetter> context) {
        this.context = context;
        this.sent = context.getStateStore(STORE);
        this.decisions = context.getStateStore(DECISIONS);
    }

    @Override
    public void process(Record<String, Alert> record) {
        Alert alert = record.value();
        if (alert == null) {
            return;
        }
        String state = alert.getStatus().name();
        if (alert.getMovedTo() != null) {
            // Not resolved: the alert lives on under its canonical id, announced with it.
            return;
        }
        if (alert.getStatus() == AlertStatus.OPEN && !review(alert).wantsAttention()) {
            // Dismissed, or snoozed, on the evidence the alert still shows: people decided it needs no message.
            return;
        }
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
            WebhookSender.Outcome outcome;
            try {
                outcome = sender.send(hook, event, deliveryId(hook, alert), json);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.apache.kafka.streams.errors.StreamsException("interrupted while notifying " + hook.name(), e);
            }
            if (!outcome.delivered()) {
                RecordMetadata where = context.recordMetadata().orElse(null);
                DeadLetter letter = DeadLetterRecords.of(where == null ? null : where.topic(), where == null ? -1 : where.partition(),
                        where == null ? -1 : where.offset(), alert.getId(), hook.url().toString(), "notify:" + hook.name(),
                        new WebhookException(outcome.problem()), json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                context.forward(new Record<>(alert.getId(), letter, record.timestamp()));
            }
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

    /** Why a webhook did not take a notification. */
    static final class WebhookException extends RuntimeException {
        WebhookException(String message) {
            super(message, null, false, false);
        }
    }
}
