package dev.govwatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import dev.govwatch.extractor.ExtractorTopology;
import dev.govwatch.streams.ServiceConfig;
import dev.govwatch.streams.StreamsService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code govwatch extractor}: runs the extractor alone against a Kafka cluster and registry until stopped. */
@Command(name = "extractor", mixinStandardHelpOptions = true,
        description = "Run the extractor (pages → reports, bad pages → dead letters) against a Kafka cluster. "
                + "Start several with the same application id to share the work.")
final class ExtractorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServiceOptions options;

    /** Ctrl-C, or a test, stops the service. */
    final StopSignal stop = new StopSignal("govwatch-extractor-stop");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ServiceConfig config = options.toConfig(ExtractorTopology.APPLICATION_ID, System.getenv());
        try (StopSignal armed = stop.arm(Duration.ofMinutes(1));
             StreamsService service = StreamsService.start("extractor", ExtractorTopology.build(config), config,
                options.replicationFactor, Duration.ofMinutes(2), new ExtractorWarmUp(config.valueSerdes()))) {
            out.println("extractor running; press Ctrl-C to stop");
            out.flush();
            service.failure().thenRun(stop::request);
            try (MetricsEndpoint metrics = options.metrics(service.streams(), out)) {
                stop.await();
            }
            if (service.hasFailed()) {
                return ServiceOptions.failedForGood(spec, "extractor");
            }
        }
        return 0;
    }
}
