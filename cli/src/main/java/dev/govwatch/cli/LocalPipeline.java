package dev.govwatch.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.state.HostInfo;

import io.micrometer.core.instrument.MeterRegistry;

import dev.govwatch.crawler.Crawler;
import dev.govwatch.extractor.ExtractorTopology;
import dev.govwatch.notifier.DeliveryLoop;
import dev.govwatch.notifier.NotifierTopology;
import dev.govwatch.notifier.Webhook;
import dev.govwatch.notifier.WebhookSender;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.EmbeddedStack;
import dev.govwatch.stack.StackConfig;
import dev.govwatch.streams.ServiceConfig;
import dev.govwatch.streams.StreamsService;
import dev.govwatch.validator.Deadlines;
import dev.govwatch.validator.PipelineOffsets;
import dev.govwatch.validator.ValidatorTopology;
import dev.govwatch.validator.query.KafkaDecisionLog;
import dev.govwatch.validator.query.QueryServer;
import dev.govwatch.validator.query.WriteAccess;

/**
 * The whole pipeline in one process, as {@code govwatch run} and {@code govwatch demo} use it: the
 * embedded stack, extractor, validator and a crawler instance, all state under one data directory,
 * plus a reader of the alerts that arrive while it runs. Closed in reverse order of start, so each
 * service still has the broker while it stops; a failed start closes what had started.
 */
final class LocalPipeline implements AutoCloseable {

    /**
     * @param dataDir  all state: {@code stack/} (broker and registry), {@code streams/} (state stores)
     * @param minDelay least pause between two requests to one host
     * @param webhooks where the notifier POSTs alerts; none: no notifier runs
     * @param httpPort the query API and dashboard on 127.0.0.1; 0 picks a free port
     */
    record Options(Path dataDir, Duration minDelay, Deadlines deadlines, ValidatorTopology.MissingPolicy missing,
                   MeterRegistry meters, List<Webhook> webhooks, int httpPort) {
    }

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final EmbeddedStack stack;
    private final CrawlSession crawl;
    private final KafkaConsumer<String, Alert> alerts;
    private QueryServer query;
    private final io.micrometer.core.instrument.MeterRegistry meters;

    private LocalPipeline(Options options, Consumer<Crawler.Sweep> onSweep) throws Exception {
        this.meters = options.meters();
        try {
            Map<String, Object> stackProps = Map.of(StackConfig.DATA_DIR, options.dataDir().resolve("stack").toString());
            // Closed by this pipeline, not by the stack's own shutdown hook: the services need it until they stop.
            stack = remember(EmbeddedStack.start(StackConfig.fromSystemProperties(stackProps), false));
            ServiceConfig extractorConfig = service(options, ExtractorTopology.APPLICATION_ID);
            running(StreamsService.start("extractor", ExtractorTopology.build(extractorConfig), extractorConfig, (short) 1,
                    Duration.ofMinutes(2), new ExtractorWarmUp(extractorConfig.valueSerdes())));
            int httpPort = options.httpPort() != 0 ? options.httpPort() : freePort();
            HostInfo self = new HostInfo("127.0.0.1", httpPort);
            Map<String, Object> validatorProps = new HashMap<>(Map.of("kafka.application.server", self.host() + ":" + self.port()));
            ServiceConfig validatorConfig = service(options, ValidatorTopology.APPLICATION_ID, validatorProps);
            // The validator judges a freshly swept portal's absences once its reports have come through the pipeline.
            PipelineOffsets progress = remember(new PipelineOffsets(Map.of("bootstrap.servers", stack.bootstrapServers()),
                    ExtractorTopology.APPLICATION_ID, validatorConfig.applicationId()));
            StreamsService validator = running(StreamsService.start("validator",
                    ValidatorTopology.build(validatorConfig, options.deadlines(), options.missing().watching(progress)),
                    validatorConfig, (short) 1, Duration.ofMinutes(2), new ValidatorWarmUp(validatorConfig.valueSerdes(), validatorConfig.applicationId(), options.deadlines())));
            try {
                KafkaDecisionLog decisions = remember(new KafkaDecisionLog(validatorConfig));
                query = remember(QueryServer.start(validator.streams(), "127.0.0.1", self, decisions,
                        WriteAccess.of("127.0.0.1", System.getenv(WriteAccess.TOKEN_VARIABLE))));
            } catch (java.net.BindException e) {
                throw new IllegalStateException("port " + httpPort + " for the dashboard is in use; choose another with --http-port", e);
            }
            if (!options.webhooks().isEmpty()) {
                ServiceConfig notifierConfig = service(options, NotifierTopology.APPLICATION_ID);
                running(StreamsService.start("notifier", NotifierTopology.build(notifierConfig, options.webhooks()),
                        notifierConfig, (short) 1, Duration.ofMinutes(2)));
                remember(new DeliveryLoop(notifierConfig, options.webhooks(), WebhookSender.standard()).start());
            }
            alerts = remember(newAlertsFromNow(stack));
            crawl = remember(new CrawlSession(Map.of("bootstrap.servers", stack.bootstrapServers()), stack.registry(),
                    "govwatch-crawler", options.minDelay(), options.meters(), false, onSweep));
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    static LocalPipeline start(Options options, Consumer<Crawler.Sweep> onSweep) throws Exception {
        return new LocalPipeline(options, onSweep);
    }

    EmbeddedStack stack() {
        return stack;
    }

    /** Puts portals on the portals topic, from which the crawler and the validator read them. */
    void publish(List<Portal> portals) {
        crawl.publish(portals);
    }

    /** Starts the sweeps that are due and returns the alerts that arrived since the last call. */
    List<Alert> step(Duration wait) {
        crawl.step(wait);
        List<Alert> arrived = new ArrayList<>();
        alerts.poll(wait).forEach(r -> arrived.add(r.value()));
        return arrived;
    }

    private <T extends AutoCloseable> T remember(T resource) {
        started.push(resource);
        return resource;
    }

    /** A started service, to be closed with the pipeline, its Kafka Streams metrics on the run's /metrics. */
    private StreamsService running(StreamsService service) {
        remember(service);
        if (meters != null) {
            remember(new io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics(service.streams())).bindTo(meters);
        }
        return service;
    }

    private ServiceConfig service(Options options, String applicationId) {
        return service(options, applicationId, Map.of());
    }

    private ServiceConfig service(Options options, String applicationId, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put(ServiceConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        props.put(ServiceConfig.REGISTRY_URL, stack.registryUrl());
        props.put(ServiceConfig.STATE_DIR, options.dataDir().resolve("streams").toString());
        return ServiceConfig.of(applicationId, props);
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The dashboard, e.g. http://127.0.0.1:8470/. */
    String dashboardUrl() {
        return "http://127.0.0.1:" + query.port() + "/";
    }

    /**
     * New alerts only (a restarted run does not print the history again). Reads every partition by
     * assignment, outside any consumer group, so no rebalance can replay what was already shown.
     */
    private static KafkaConsumer<String, Alert> newAlertsFromNow(EmbeddedStack stack) {
        KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), AvroSerdes.<Alert>deserializer(stack.registry()));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now, before any alert of this run
        return consumer;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
