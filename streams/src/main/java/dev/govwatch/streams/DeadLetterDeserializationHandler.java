package dev.govwatch.streams;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be deserialized goes to the dead-letter topic whole, and the stream goes on;
 * unless the registry could not be reached or the disk failed ({@link EnvironmentFault}), which
 * says nothing about the record: then the stream thread fails and is replaced ({@link StreamsService}),
 * and reads the record again from its last commit once the fault is mended.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetterRecords deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = new DeadLetterRecords(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        java.util.Optional<String> fault = EnvironmentFault.of(exception);
        if (fault.isPresent()) {
            LOG.warn("{} while reading {}-{}@{}; the record is read again once that is mended", fault.get(),
                    context.topic(), context.partition(), context.offset());
            return Response.fail();
        }
        LOG.warn("dead-lettering undeserializable record {}-{}@{}: {}", context.topic(), context.partition(),
                context.offset(), DeadLetterRecords.describe(exception));
        return Response.resume(List.of(deadLetters.toRecord(context, "deserialize", exception)));
    }
}
