package dev.govwatch.notifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.govwatch.schemas.DeadLetter;
import dev.govwatch.schemas.Delivery;
import dev.govwatch.schemas.Topics;
import dev.govwatch.streams.DeadLetterRecords;
import dev.govwatch.streams.ServiceConfig;

/**
 * The notifier's sending half: reads {@link Topics#DELIVERIES} and POSTs each notification to its
 * webhook, signed, with the {@link WebhookSender}'s retries. Each webhook has a lane (a thread) of
 * its own, so a slow or failing receiver delays only its own notifications. A notification that
 * cannot be delivered becomes a dead letter with the webhook's URL and the reason.
 *
 * <p>At least once: an offset is committed only when every notification before it in its partition
 * is done, so a crash sends again what was in flight, with the same delivery id.
 */
public final class DeliveryLoop implements AutoCloseable {

    public static final String GROUP_ID = "govwatch-notifier-delivery";
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);
    /** Notifications taken but not yet done, above which the loop stops taking more. */
    private static final int MAX_IN_FLIGHT = 5_000;

    private final KafkaConsumer<String, Delivery> consumer;
    private final KafkaProducer<String, DeadLetter> deadLetters;
    private final Map<String, Webhook> hooks = new HashMap<>();
    private final WebhookSender sender;
    private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();
    private final Map<TopicPartition, ConcurrentSkipListSet<Long>> inFlight = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> taken = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopping;

    public DeliveryLoop(ServiceConfig config, List<Webhook> webhooks, WebhookSender sender) {
        webhooks.forEach(h -> hooks.put(h.name(), h));
        this.sender = sender;
        Map<String, Object> consumerProps = new HashMap<>(config.clientProperties());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                config.valueSerdes().forTopic(Topics.DELIVERIES).deserializer());
        Map<String, Object> producerProps = new HashMap<>(config.clientProperties());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "govwatch-notifier-delivery-dead-letters");
        this.deadLetters = new KafkaProducer<>(producerProps, new StringSerializer(),
                config.valueSerdes().forTopic(Topics.DEAD_LETTERS).serializer());
        this.thread = new Thread(this::run, "govwatch-notifier-delivery");
    }

    /** Starts the loop on a thread of its own. */
    public DeliveryLoop start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.DELIVERIES.name()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commitDone();
                    partitions.forEach(p -> {
                        inFlight.remove(p);
                        taken.remove(p);
                    });
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }
            });
            while (!stopping) {
                for (ConsumerRecord<String, Delivery> record : consumer.poll(Duration.ofMillis(200))) {
                    take(record);
                }
                commitDone();
                if (pending.get() > MAX_IN_FLIGHT) {
                    consumer.pause(consumer.assignment());
                } else if (!consumer.paused().isEmpty()) {
                    consumer.resume(consumer.paused());
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.error("the delivery loop stopped", e);
        } finally {
            awaitLanes();
            commitDone();
            consumer.close(Duration.ofSeconds(10));
        }
    }

    private void take(ConsumerRecord<String, Delivery> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        inFlight.computeIfAbsent(partition, p -> new ConcurrentSkipListSet<>()).add(record.offset());
        taken.put(partition, record.offset() + 1);
        pending.incrementAndGet();
        Delivery delivery = record.value();
        String hookName = delivery == null ? record.key() : delivery.getWebhook();
        lanes.computeIfAbsent(hookName == null ? "" : hookName, name -> Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "govwatch-webhook-" + name);
            t.setDaemon(true);
            return t;
        })).execute(() -> {
            try {
                deliver(record, delivery);
            } finally {
                inFlight.get(partition).remove(record.offset());
                pending.decrementAndGet();
            }
        });
    }

    private void deliver(ConsumerRecord<String, Delivery> record, Delivery delivery) {
        Webhook hook = delivery == null ? null : hooks.get(delivery.getWebhook());
        if (hook == null) {
            deadLetter(record, null, delivery == null ? "an empty delivery record"
                    : "webhook '" + delivery.getWebhook() + "' is no longer in the webhook file");
            return;
        }
        try {
            WebhookSender.Outcome outcome = sender.send(hook, delivery.getEvent(), delivery.getDeliveryId(), delivery.getBody());
            if (!outcome.delivered()) {
                deadLetter(record, hook, outcome.problem());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deadLetter(record, hook, "interrupted while sending (the notifier stopped); not delivered");
        }
    }

    private void deadLetter(ConsumerRecord<String, Delivery> record, Webhook hook, String problem) {
        Delivery d = record.value();
        DeadLetter letter = DeadLetterRecords.of(record.topic(), record.partition(), record.offset(),
                d == null ? record.key() : d.getAlertId(), hook == null ? null : hook.url().toString(),
                "notify:" + (d == null ? record.key() : d.getWebhook()), new WebhookException(problem),
                d == null ? new byte[0] : d.getBody().getBytes(StandardCharsets.UTF_8));
        deadLetters.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), letter.getKey(), letter));
    }

    /** Commits, per partition, up to the first notification not yet done. */
    private void commitDone() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        taken.forEach((partition, next) -> {
            ConcurrentSkipListSet<Long> open = inFlight.get(partition);
            Long first = open == null || open.isEmpty() ? null : open.first();
            offsets.put(partition, new OffsetAndMetadata(first == null ? next : first));
        });
        if (!offsets.isEmpty()) {
            try {
                consumer.commitSync(offsets, Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.warn("cannot commit delivery offsets (they are sent again after a restart): {}", e.toString());
            }
        }
    }

    private void awaitLanes() {
        lanes.values().forEach(ExecutorService::shutdown);
        for (ExecutorService lane : lanes.values()) {
            try {
                if (!lane.awaitTermination(90, TimeUnit.SECONDS)) {
                    lane.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lane.shutdownNow();
            }
        }
        deadLetters.flush();
    }

    /** Notifications taken but not yet done (for tests and metrics). */
    public int pending() {
        return pending.get();
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        consumer.wakeup();
        thread.join(Duration.ofMinutes(2).toMillis());
        deadLetters.close(Duration.ofSeconds(10));
    }

    /** Why a webhook did not take a notification. */
    static final class WebhookException extends RuntimeException {
        WebhookException(String message) {
            super(message, null, false, false);
        }
    }
}
