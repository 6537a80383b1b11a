package dev.govwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.govwatch.crawler.PortalFile;
import dev.govwatch.extractor.ExtractorTopology;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.EmbeddedStack;
import dev.govwatch.stack.StackConfig;
import dev.govwatch.streams.ServiceConfig;
import dev.govwatch.streams.StreamsService;
import dev.govwatch.validator.Deadlines;
import dev.govwatch.validator.ValidatorTopology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code govwatch run}: the whole pipeline in one process on the embedded stack — broker, registry,
 * crawler, extractor and validator — with all state in one data directory, printing alerts as
 * they arrive until Ctrl-C. A restart on the same directory resumes.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run broker, registry, crawler, extractor and validator in one process on the portals of a portal "
                + "file, print alerts as they arrive, until Ctrl-C.")
final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--portals", defaultValue = "examples/portals.yml", description = "Portal file (default: ${DEFAULT-VALUE}).")
    private Path portalFile;

    @Option(names = "--data-dir", defaultValue = "data", description = "Where all state is kept (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--min-delay-ms", defaultValue = "2000", description = "Least pause between two requests to one host (default: ${DEFAULT-VALUE}).")
    private long minDelayMs;

    @Option(names = "--deadlines", description = "Deadline overrides, e.g. TOWN@河北省=02-20.")
    private String deadlines;

    /** Set to stop a run started in-process (tests); Ctrl-C does the same through a shutdown hook. */
    /** Ctrl-C, or a test, stops the run. */
    final StopSignal stop = new StopSignal("govwatch-run-stop");

    @Option(names = "--metrics-port", defaultValue = "-1",
            description = "Serve /metrics (Prometheus) and /health on this loopback port; 0 picks one; -1 (default) serves none.")
    private int metricsPort;

    @Override
    public Integer call() throws Exception {
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry meters =
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        MetricsEndpoint endpoint = metricsPort < 0 ? null : MetricsEndpoint.start(metricsPort, meters);
        if (endpoint != null) {
            spec.commandLine().getOut().println("metrics: http://127.0.0.1:" + endpoint.port() + "/metrics");
            spec.commandLine().getOut().flush();
        }
        try {
            return serve(meters);
        } finally {
            if (endpoint != null) {
                endpoint.close();
            }
        }
    }

    private int serve(io.micrometer.prometheusmetrics.PrometheusMeterRegistry meters) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PortalFile.Result file = PortalFile.read(portalFile);
        if (!file.ok()) {
            file.errors().forEach(e -> spec.commandLine().getErr().println("govwatch run: " + portalFile + ": " + e));
            return 1;
        }
        say(out, "starting the embedded stack in " + dataDir.toAbsolutePath() + " …");
        Map<String, Object> stackProps = Map.of(StackConfig.DATA_DIR, dataDir.resolve("stack").toString());
        // The stack is closed last, by this method, not by its own shutdown hook: the services need it until they stop.
        try (StopSignal armed = stop.arm(Duration.ofSeconds(90));
             EmbeddedStack stack = EmbeddedStack.start(StackConfig.fromSystemProperties(stackProps), false);
             StreamsService extractor = StreamsService.start("extractor",
                     ExtractorTopology.build(service(stack, ExtractorTopology.APPLICATION_ID)),
                     service(stack, ExtractorTopology.APPLICATION_ID), (short) 1, Duration.ofMinutes(2));
             StreamsService validator = StreamsService.start("validator",
                     ValidatorTopology.build(service(stack, ValidatorTopology.APPLICATION_ID), Deadlines.withOverrides(deadlines)),
                     service(stack, ValidatorTopology.APPLICATION_ID), (short) 1, Duration.ofMinutes(2))) {
            say(out, "kafka " + stack.bootstrapServers() + ", registry " + stack.registryUrl() + "; extractor and validator running");
            Map<String, Object> client = Map.of("bootstrap.servers", stack.bootstrapServers());
            try (CrawlSession session = new CrawlSession(client, stack.registry(), "govwatch-crawler",
                         Duration.ofMillis(minDelayMs), meters,
                         sweep -> say(out, String.format("swept %s: %d report link(s), %d published, %d unchanged, %d blocked, %d failed",
                                 sweep.portalId(), sweep.reportLinks(), sweep.published(), sweep.notModified(), sweep.blocked(),
                                 sweep.failed())));
                 KafkaConsumer<String, Alert> alerts = alertConsumer(stack)) {
                session.publish(file.portals());
                say(out, file.portals().size() + " portal(s) from " + portalFile + "; crawling. Ctrl-C stops.");
                while (!stop.requested()) {
                    session.step(Duration.ofMillis(500));
                    alerts.poll(Duration.ofMillis(500)).forEach(r -> {
                        Alert a = r.value();
                        say(out, String.format("ALERT %-8s %-15s %-16s %s", a.getStatus(), a.getCategory(), a.getRule(), a.getMessage()));
                    });
                }
                say(out, "stopping …");
            }
        }
        return 0;
    }

    private ServiceConfig service(EmbeddedStack stack, String applicationId) {
        return ServiceConfig.of(applicationId, Map.of(
                ServiceConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                ServiceConfig.REGISTRY_URL, stack.registryUrl(),
                ServiceConfig.STATE_DIR, dataDir.resolve("streams").toString()));
    }

    /**
     * New alerts only (a restarted run does not print the history again). The printer reads every
     * partition by assignment, outside any consumer group, so no rebalance can replay what it printed.
     */
    private static KafkaConsumer<String, Alert> alertConsumer(EmbeddedStack stack) {
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

    private static void say(PrintWriter out, String line) {
        synchronized (out) {
            out.println(Instant.now().toString().substring(11, 19) + " " + line);
            out.flush();
        }
    }
}
