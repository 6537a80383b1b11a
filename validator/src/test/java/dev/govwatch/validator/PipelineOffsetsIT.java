package dev.govwatch.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.Stack;
import dev.govwatch.stack.StackExtension;
import dev.govwatch.validator.SweepProgress.Progress;

/**
 * A sweep followed through the pipeline on a real broker, the groups' offsets committed by hand
 * step by step: it passes only once the validator's group is past the repartition, and each end it
 * waits for is the committed one — records of a transaction still open are not waited for.
 */
@ExtendWith(StackExtension.class)
class PipelineOffsetsIT {

    @Test
    void aSweepPassesOnlyOnceTheValidatorHasReadItsReportsRepartitioned(Stack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String extractorGroup = "x-" + run;
        String validatorGroup = "v-" + run;
        String repartition = ValidatorTopology.reportsRepartitionTopic(validatorGroup);
        TopicPartition pages0 = new TopicPartition(Topics.PAGES.name(), 0);
        TopicPartition reports0 = new TopicPartition(Topics.REPORTS.name(), 0);
        TopicPartition repartition0 = new TopicPartition(repartition, 0);
        Map<String, Object> client = Map.of("bootstrap.servers", stack.bootstrapServers());
        try (Admin admin = Admin.create(client);
             KafkaProducer<String, String> plain = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer());
             KafkaProducer<String, String> extractor = transactional(stack, "x-" + run);
             KafkaProducer<String, String> validator = transactional(stack, "v-" + run);
             PipelineOffsets offsets = new PipelineOffsets(client, extractorGroup, validatorGroup, Duration.ZERO)) {
            admin.createTopics(List.of(new NewTopic(repartition, Topics.REPORTS.partitions(), (short) 1))).all().get();
            for (int i = 0; i < 3; i++) {
                plain.send(new ProducerRecord<>(Topics.PAGES.name(), 0, "page", "page " + i)).get();
            }
            long pagesEnd = ends(admin, Topics.PAGES.name()).get(pages0);
            Map<String, Long> sweep = Map.of("0", pagesEnd);
            long reportsBefore = ends(admin, Topics.REPORTS.name()).get(reports0);
            // The sweep's report, committed; then another transaction left open, whose records are not the sweep's.
            extractor.beginTransaction();
            extractor.send(new ProducerRecord<>(Topics.REPORTS.name(), 0, "report", "of the sweep"));
            extractor.commitTransaction();
            extractor.beginTransaction();
            extractor.send(new ProducerRecord<>(Topics.REPORTS.name(), 0, "report", "later, uncommitted")).get();
            validator.beginTransaction();
            validator.send(new ProducerRecord<>(repartition, 0, "agency", "the sweep's report by agency"));
            validator.commitTransaction();

            assertThat(offsets.of(sweep)).as("no group has committed anything").isEqualTo(Progress.PENDING);
            commit(admin, extractorGroup, Map.of(pages0, pagesEnd - 1));
            assertThat(offsets.of(sweep)).as("the extractor one page short").isEqualTo(Progress.PENDING);
            assertThat(offsets.stepsPassed()).containsExactly(0);

            commit(admin, extractorGroup, Map.of(pages0, pagesEnd));
            assertThat(offsets.of(sweep)).as("the extractor past the pages; the validator not yet").isEqualTo(Progress.PENDING);
            assertThat(offsets.stepsPassed()).containsExactly(1);

            // Other tests on this stack may have written to other partitions: the validator group reads them all.
            Map<TopicPartition, Long> reportEnds = ends(admin, Topics.REPORTS.name());
            Map<TopicPartition, Long> behind = new HashMap<>(reportEnds);
            behind.put(reports0, reportEnds.get(reports0) - 1);
            commit(admin, validatorGroup, behind);
            assertThat(offsets.of(sweep)).as("the validator short of the committed end").isEqualTo(Progress.PENDING);
            assertThat(offsets.stepsPassed()).containsExactly(1);
            // The committed end (past the first transaction's marker), not the end of the open transaction.
            assertThat(reportEnds.get(reports0)).isEqualTo(reportsBefore + 2);
            commit(admin, validatorGroup, reportEnds);
            assertThat(offsets.of(sweep)).as("the reports read; their repartitioned copies not yet").isEqualTo(Progress.PENDING);
            assertThat(offsets.stepsPassed()).containsExactly(2);

            commit(admin, validatorGroup, Map.of(repartition0, ends(admin, repartition).get(repartition0)));
            assertThat(offsets.of(sweep)).isEqualTo(Progress.PASSED);
            assertThat(offsets.of(sweep)).as("and stays so").isEqualTo(Progress.PASSED);
            assertThat(offsets.of(Map.of())).as("a sweep that published nothing").isEqualTo(Progress.PASSED);
            extractor.abortTransaction();
        }
    }

    @Test
    void groupsThatCannotBeReadLeaveTheSweepUnknown() {
        // Nothing listens on port 9: the absence will be judged by time, not taken as passed or pending.
        Map<String, Object> client = Map.of("bootstrap.servers", "127.0.0.1:9", "request.timeout.ms", 1_000,
                "default.api.timeout.ms", 2_000);
        try (PipelineOffsets offsets = new PipelineOffsets(client, "x", "v", Duration.ZERO)) {
            assertThat(offsets.of(Map.of("0", 5L))).isEqualTo(Progress.UNKNOWN);
        }
    }

    private static KafkaProducer<String, String> transactional(Stack stack, String id) {
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, id), new StringSerializer(), new StringSerializer());
        producer.initTransactions();
        return producer;
    }

    private static Map<TopicPartition, Long> ends(Admin admin, String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            query.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(query, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static void commit(Admin admin, String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(group, commit).all().get();
    }
}
