package dev.govwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.Topology;

import dev.govwatch.extractor.ExtractorTopology;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.Topic;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.EmbeddedStack;
import dev.govwatch.stack.StackConfig;
import dev.govwatch.streams.ServiceConfig;
import dev.govwatch.streams.StreamsService;
import dev.govwatch.validator.Deadlines;
import dev.govwatch.validator.ValidatorTopology;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code govwatch replay extractor|validator}: reprocesses the service's input after a fix. The
 * service must be stopped; its consumer group's offsets on the input topics are moved back (to the
 * beginning, or to a time), then the service runs, with its state kept, until it has caught up, and
 * stops. Keeping the state is what prevents duplicate alerts: the validator remembers which alerts
 * are open and which reports it checked with which rules, so only what changed goes out.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Reprocess a service's input topics after a fix (the service must be stopped); print progress and a summary.")
final class ReplayCommand implements Callable<Integer> {

    enum Service { extractor, validator }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", description = "extractor or validator")
    private Service service;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private From from;

    static final class From {
        @Option(names = "--from-beginning", description = "Reprocess everything.")
        boolean beginning;

        @Option(names = "--from", description = "Reprocess records written after TIME (an instant, a date, or an age such as 7d).")
        String time;
    }

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--application-id", description = "The service's application id (default: govwatch-extractor / govwatch-validator).")
    private String applicationId;

    @Option(names = "--state-dir", description = "The service's state directory (default: <data-dir>/streams with the embedded stack).")
    private Path stateDir;

    @Option(names = "--deadlines", description = "validator: deadline overrides, e.g. TOWN@河北省=02-20.")
    private String deadlines;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String appId = applicationId != null ? applicationId
                : service == Service.extractor ? ExtractorTopology.APPLICATION_ID : ValidatorTopology.APPLICATION_ID;
        Instant since;
        try {
            since = from.beginning ? null : AlertsCommand.parseSince(from.time, Instant.now());
        } catch (IllegalArgumentException e) {
            err.println("govwatch replay: " + e.getMessage());
            return 2;
        }
        EmbeddedStack embedded = null;
        try {
            String bootstrap;
            String registryUrl;
            Map<String, Object> client;
            if (cluster.bootstrapServers != null) {
                ClusterOptions.Cluster target = cluster.resolve(System.getenv());
                client = target.client();
                bootstrap = cluster.bootstrapServers;
                registryUrl = cluster.registryUrl;
            } else {
                out.println("starting the embedded stack in " + cluster.dataDir.toAbsolutePath() + " (govwatch run must be stopped) …");
                out.flush();
                embedded = EmbeddedStack.start(StackConfig.fromSystemProperties(
                        Map.of(StackConfig.DATA_DIR, cluster.dataDir.resolve("stack").toString())), false);
                bootstrap = embedded.bootstrapServers();
                registryUrl = embedded.registryUrl();
                client = new HashMap<>(Map.of("bootstrap.servers", bootstrap));
            }
            Map<String, Object> props = ClientSettings.load(cluster.configFile, System.getenv()).serviceProperties();
            client.forEach((k, v) -> props.put(ServiceConfig.KAFKA_PREFIX + k, v));
            props.put(ServiceConfig.BOOTSTRAP_SERVERS, bootstrap);
            props.put(ServiceConfig.REGISTRY_URL, registryUrl);
            props.put(ServiceConfig.APPLICATION_ID, appId);
            // A backlog, not pages one by one: batched writes, unless the user's settings say otherwise.
            props.putIfAbsent(ServiceConfig.WORKLOAD, ServiceConfig.BULK);
            Path state = stateDir != null ? stateDir : cluster.bootstrapServers == null ? cluster.dataDir.resolve("streams") : null;
            if (state != null) {
                props.put(ServiceConfig.STATE_DIR, state.toString());
            }
            ServiceConfig config = ServiceConfig.of(appId, props);
            return replay(out, err, config, client, appId, since);
        } catch (IllegalArgumentException e) {
            err.println("govwatch replay: " + e.getMessage());
            return 2;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private int replay(PrintWriter out, PrintWriter err, ServiceConfig config, Map<String, Object> client, String appId, Instant since)
            throws Exception {
        List<Topic> inputs = service == Service.extractor ? List.of(Topics.PAGES) : List.of(Topics.REPORTS, Topics.PORTALS);
        Topic output = service == Service.extractor ? Topics.REPORTS : Topics.ALERTS;
        Map<TopicPartition, Long> target;
        Map<TopicPartition, Long> outputStart;
        try (Admin admin = Admin.create(client)) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(appId)).describedGroups().get(appId).get();
            if (!group.members().isEmpty()) {
                err.printf("govwatch replay: %s still has %d running instance(s); stop the %s first "
                        + "(an instance killed without a clean stop counts until its session expires, 45 s by default)%n",
                        appId, group.members().size(), service);
                return 1;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic topic : inputs) {
                for (int p = 0; p < topic.partitions(); p++) {
                    partitions.add(new TopicPartition(topic.name(), p));
                }
            }
            target = offsets(admin, partitions, since == null ? OffsetSpec.earliest() : OffsetSpec.forTimestamp(since.toEpochMilli()));
            Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
            target.replaceAll((tp, offset) -> offset < 0 ? ends.get(tp) : offset); // no record after the time: nothing to redo there
            List<TopicPartition> outputs = new ArrayList<>();
            for (int p = 0; p < output.partitions(); p++) {
                outputs.add(new TopicPartition(output.name(), p));
            }
            outputStart = offsets(admin, outputs, OffsetSpec.latest());
            Map<TopicPartition, OffsetAndMetadata> reset = new HashMap<>();
            target.forEach((tp, offset) -> reset.put(tp, new OffsetAndMetadata(offset)));
            admin.alterConsumerGroupOffsets(appId, reset).all().get();
            long total = 0;
            for (TopicPartition tp : partitions) {
                total += ends.get(tp) - target.get(tp);
            }
            out.printf("%s: offsets of %s moved back; %,d record(s) to reprocess%n", appId,
                    inputs.stream().map(Topic::name).toList(), total);
            out.flush();
            long started = System.nanoTime();
            Topology topology = service == Service.extractor ? ExtractorTopology.build(config)
                    : ValidatorTopology.build(config, Deadlines.withOverrides(deadlines), ValidatorTopology.MissingPolicy.defaults());
            try (StreamsService running = StreamsService.start(service.name(), topology, config, (short) 1, Duration.ofMinutes(2))) {
                ProgressBar progress = new ProgressBar(err, "", total);
                while (true) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(appId)
                            .partitionsToOffsetAndMetadata().get();
                    long done = 0;
                    boolean caughtUp = true;
                    for (TopicPartition tp : partitions) {
                        OffsetAndMetadata at = committed.get(tp);
                        long position = at == null ? target.get(tp) : at.offset();
                        done += Math.max(0, Math.min(position, ends.get(tp)) - target.get(tp));
                        caughtUp &= position >= ends.get(tp);
                    }
                    progress.show(done);
                    if (caughtUp) {
                        break;
                    }
                    Thread.sleep(500);
                }
                progress.finish();
                drainRepartitionTopics(admin, appId);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf("reprocessed %,d record(s) in %.1f s (%.0f records/s)%n", total, seconds, total / Math.max(seconds, 0.001));
            summarize(out, config, client, output, outputStart);
        } catch (ExecutionException e) {
            err.println("govwatch replay: " + e.getCause().getMessage());
            return 2;
        }
        out.flush();
        return 0;
    }

    /** What the replay wrote: reports written and changed (extractor), alerts opened and resolved (validator). */
    private void summarize(PrintWriter out, ServiceConfig config, Map<String, Object> client, Topic output,
                           Map<TopicPartition, Long> start) {
        Map<String, Object> consumerConfig = new HashMap<>(client);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (output == Topics.ALERTS) {
            int opened = 0;
            int resolved = 0;
            for (ConsumerRecord<String, Alert> r : this.<Alert>readFrom(consumerConfig, config, output, start, null)) {
                if (r.value() != null && r.value().getStatus() == AlertStatus.OPEN) {
                    opened++;
                } else if (r.value() != null) {
                    resolved++;
                }
            }
            out.printf("alerts: %d opened (or updated), %d resolved; unchanged alerts were not sent again%n", opened, resolved);
        } else {
            Map<TopicPartition, Long> beginning = new HashMap<>();
            start.keySet().forEach(tp -> beginning.put(tp, 0L));
            Map<String, String> before = new HashMap<>();
            for (ConsumerRecord<String, AnnualReport> r : this.<AnnualReport>readFrom(consumerConfig, config, output, beginning, start)) {
                before.put(r.key(), canonical(r.value()));
            }
            int written = 0;
            int changed = 0;
            for (ConsumerRecord<String, AnnualReport> r : this.<AnnualReport>readFrom(consumerConfig, config, output, start, null)) {
                written++;
                if (!canonical(r.value()).equals(before.get(r.key()))) {
                    changed++;
                }
                before.put(r.key(), canonical(r.value()));
            }
            out.printf("reports: %,d written, %,d changed from the version before the replay%n", written, changed);
        }
    }

    /** A report without what differs on every extraction (when and by which build). */
    private static String canonical(AnnualReport report) {
        if (report == null) {
            return "";
        }
        AnnualReport copy = AnnualReport.newBuilder(report).build();
        copy.setExtractedAt(Instant.EPOCH);
        copy.setExtractorVersion("");
        return copy.toString();
    }

    private <V extends org.apache.avro.specific.SpecificRecord> List<ConsumerRecord<String, V>> readFrom(
            Map<String, Object> consumerConfig, ServiceConfig config, Topic topic, Map<TopicPartition, Long> from,
            Map<TopicPartition, Long> until) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                AvroSerdes.<V>deserializer(config.registry()))) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> end = until != null ? until : consumer.endOffsets(from.keySet());
            Set<TopicPartition> open = new java.util.HashSet<>(from.keySet());
            open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
            while (!open.isEmpty()) {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < end.get(tp)) {
                        records.add(r);
                    }
                }
                open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
            }
        }
        return records;
    }

    /**
     * The sources' offsets move as soon as records are re-keyed into the service's repartition
     * topics; the work is done only when those are consumed too.
     */
    private static void drainRepartitionTopics(Admin admin, String appId) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get();
        List<TopicPartition> internal = committed.keySet().stream()
                .filter(tp -> tp.topic().startsWith(appId + "-") && tp.topic().endsWith("-repartition")).toList();
        if (internal.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends = offsets(admin, internal, OffsetSpec.latest());
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> now = admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get();
            // A transaction marker follows the last record, so the committed offset may stop one short of the end.
            boolean done = internal.stream().allMatch(tp -> now.get(tp) != null && now.get(tp).offset() >= ends.get(tp) - 1);
            if (done) {
                Thread.sleep(500); // the last commit's output is visible once its transaction completes
                return;
            }
            Thread.sleep(300);
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(query).all().get();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        found.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }
}
