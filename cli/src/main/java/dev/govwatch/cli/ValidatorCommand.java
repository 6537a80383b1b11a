package dev.govwatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import dev.govwatch.streams.ServiceConfig;
import dev.govwatch.streams.StreamsService;
import dev.govwatch.validator.Deadlines;
import dev.govwatch.validator.PipelineOffsets;
import dev.govwatch.validator.ValidatorTopology;
import dev.govwatch.extractor.ExtractorTopology;
import dev.govwatch.validator.query.KafkaDecisionLog;
import dev.govwatch.validator.query.QueryServer;
import dev.govwatch.validator.query.WriteAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code govwatch validator}: runs the validator alone against a Kafka cluster and registry until stopped. */
@Command(name = "validator", mixinStandardHelpOptions = true,
        description = "Run the validator (reports → alerts) against a Kafka cluster. Start several with the same "
                + "application id to share the work.")
final class ValidatorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServiceOptions options;

    @Option(names = "--deadlines", description = "Deadline overrides, e.g. TOWN@河北省=02-20,TOWN=03-15 (month-day of the next year).")
    private String deadlines;

    @Option(names = "--http-port", defaultValue = "-1",
            description = "Serve the query API and dashboard on this port (-1, the default: none). Instances of one application "
                    + "find each other through it, so give every instance one.")
    private int httpPort;

    @Option(names = "--advertised-host", defaultValue = "127.0.0.1",
            description = "Host name other instances reach this one's query API at (default: ${DEFAULT-VALUE}).")
    private String advertisedHost;

    @Option(names = "--http-bind", defaultValue = "0.0.0.0", description = "Address the query API listens on (default: "
            + "${DEFAULT-VALUE}); beyond loopback, decisions can be written only with the secret in $"
            + WriteAccess.TOKEN_VARIABLE + ".")
    private String httpBind;

    @Option(names = "--grace-days", defaultValue = "7", description = "Days after a deadline before a report counts as MISSING (default: ${DEFAULT-VALUE}).")
    private int graceDays;

    @Option(names = "--missing-check-minutes", defaultValue = "60", description = "How often every expected report is looked for "
            + "(default: ${DEFAULT-VALUE}); a freshly swept portal's agencies are judged within seconds of the extractor reading its pages.")
    private int checkMinutes;

    @Option(names = "--extractor-application-id", defaultValue = ExtractorTopology.APPLICATION_ID,
            description = "The extractor's application id, whose progress on the pages topic tells when a swept portal "
                    + "can be judged (default: ${DEFAULT-VALUE}).")
    private String extractorApplicationId;

    /** Ctrl-C, or a test, stops the service. */
    final StopSignal stop = new StopSignal("govwatch-validator-stop");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        if (httpPort >= 0) {
            // application.server is how the instances find each other's query API.
            env.put("GOVWATCH_KAFKA_APPLICATION_SERVER", advertisedHost + ":" + httpPort);
        }
        ServiceConfig config = options.toConfig(ValidatorTopology.APPLICATION_ID, env);
        Deadlines judged = Deadlines.withOverrides(deadlines);
        try (StopSignal armed = stop.arm(Duration.ofMinutes(1));
             PipelineOffsets progress = new PipelineOffsets(config.clientProperties(), extractorApplicationId, config.applicationId());
             StreamsService service = StreamsService.start("validator",
                ValidatorTopology.build(config, judged, new ValidatorTopology.MissingPolicy(
                        java.time.Duration.ofDays(graceDays), java.time.Duration.ofMinutes(checkMinutes), progress)), config,
                options.replicationFactor, Duration.ofMinutes(2), new ValidatorWarmUp(config.valueSerdes(), config.applicationId(), judged))) {
            service.failure().thenRun(stop::request);
            KafkaDecisionLog decisions = httpPort < 0 ? null : new KafkaDecisionLog(config);
            QueryServer query = httpPort < 0 ? null : QueryServer.start(service.streams(), httpBind,
                    new org.apache.kafka.streams.state.HostInfo(advertisedHost, httpPort), decisions,
                    WriteAccess.of(httpBind, env.get(WriteAccess.TOKEN_VARIABLE)));
            try {
                out.println("validator running" + (query == null ? "" : "; query API and dashboard on port " + query.port())
                        + "; press Ctrl-C to stop");
                out.flush();
                try (MetricsEndpoint metrics = options.metrics(service.streams(), out)) {
                    stop.await();
                }
            } finally {
                if (query != null) {
                    query.close();
                    decisions.close();
                }
            }
            if (service.hasFailed()) {
                return ServiceOptions.failedForGood(spec, "validator");
            }
        }
        return 0;
    }
}
