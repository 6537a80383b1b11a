package dev.govwatch.streams;

import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose processing throws goes to the dead-letter topic whole, and the stream goes on;
 * unless the schema registry could not be reached (a state store's serde, say) or a store could not
 * write to disk ({@link EnvironmentFault}), which is no fault of the record: then the thread fails and
 * the record is processed again once that is mended.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetterRecords deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = new DeadLetterRecords(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        java.util.Optional<String> fault = EnvironmentFault.of(exception);
        if (fault.isPresent()) {
            LOG.warn("{} while processing {}-{}@{} in {}; the record is processed again once that is mended", fault.get(),
                    context.topic(), context.partition(), context.offset(), context.processorNodeId());
            return Response.fail();
        }
        LOG.warn("dead-lettering record {}-{}@{} that failed in {}: {}", context.topic(), context.partition(),
                context.offset(), context.processorNodeId(), DeadLetterRecords.describe(exception));
        return Response.resume(List.of(deadLetters.toRecord(context, "process:" + context.processorNodeId(), exception)));
    }
}
