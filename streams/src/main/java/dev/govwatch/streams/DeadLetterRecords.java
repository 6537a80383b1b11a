package dev.govwatch.streams;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import dev.govwatch.schemas.DeadLetter;
import dev.govwatch.schemas.Topics;
import dev.govwatch.schemas.ValueSerdes;

/** Builds dead letters: the failed record whole, where it came from, and why it failed. */
public final class DeadLetterRecords {

    private static final int MAX_STACK_TRACE = 8_000;

    private final Serializer<DeadLetter> serializer;

    public DeadLetterRecords(Map<String, ?> config) {
        this.serializer = ValueSerdes.fromConfig(config).forTopic(Topics.DEAD_LETTERS).serializer();
    }

    /** A dead letter for a record that failed in a handler-managed step, ready for the handler's response. */
    public ProducerRecord<byte[], byte[]> toRecord(ErrorHandlerContext context, String stage, Exception error) {
        byte[] key = context.sourceRawKey();
        DeadLetter letter = of(context.topic(), context.partition(), context.offset(),
                key == null ? null : new String(key, StandardCharsets.UTF_8), urlOf(key), stage, error,
                context.sourceRawValue());
        return new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, null, key,
                serializer.serialize(Topics.DEAD_LETTERS.name(), letter));
    }

    public static DeadLetter of(String topic, int partition, long offset, String key, String url, String stage,
                                Throwable error, byte[] payload) {
        return DeadLetter.newBuilder()
                .setSourceTopic(topic == null ? "(unknown)" : topic)
                .setPartition(partition)
                .setOffset(offset)
                .setKey(key)
                .setUrl(url)
                .setStage(stage)
                .setError(describe(error))
                .setErrorClass(error.getClass().getName())
                .setStackTrace(stackTrace(error))
                .setPayload(payload == null ? null : ByteBuffer.wrap(payload))
                .setOccurredAt(Instant.now())
                .build();
    }

    /** The message of the error and of each cause, so the reason survives wrapping. */
    public static String describe(Throwable error) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = error; t != null && sb.length() < 2_000; t = t.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        String trace = out.toString();
        return trace.length() > MAX_STACK_TRACE ? trace.substring(0, MAX_STACK_TRACE) : trace;
    }

    /** Page and report topics are keyed by URL; other keys are not URLs. */
    private static String urlOf(byte[] key) {
        if (key == null) {
            return null;
        }
        String k = new String(key, StandardCharsets.UTF_8);
        return k.startsWith("http://") || k.startsWith("https://") ? k : null;
    }
}
