package dev.govwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import dev.govwatch.notifier.NotifierTopology;
import dev.govwatch.notifier.DeliveryLoop;
import dev.govwatch.notifier.WebhookFile;
import dev.govwatch.notifier.WebhookSender;
import dev.govwatch.streams.ServiceConfig;
import dev.govwatch.streams.StreamsService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code govwatch notifier}: the webhook notifier against a Kafka cluster, until Ctrl-C. */
@Command(name = "notifier", mixinStandardHelpOptions = true,
        description = "POST each alert state change, signed, to the webhooks of a webhook file; until Ctrl-C.")
final class NotifierCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServiceOptions options;

    @Option(names = "--webhooks", required = true, description = "The webhook file (YAML).")
    private Path webhookFile;

    @Option(names = "--notify-severity", description = "Least severity sent to webhooks that name none themselves "
            + "(default: WARNING; INFO sends notes too).")
    private dev.govwatch.schemas.Severity notifySeverity;

    /** Ctrl-C, or a test, stops the service. */
    final StopSignal stop = new StopSignal("govwatch-notifier-stop");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        WebhookFile.Result hooks = WebhookFile.read(webhookFile, System.getenv());
        if (!hooks.ok()) {
            hooks.errors().forEach(e -> spec.commandLine().getErr().println("govwatch notifier: " + webhookFile + ": " + e));
            return 1;
        }
        ServiceConfig config = options.toConfig(NotifierTopology.APPLICATION_ID, System.getenv());
        java.util.List<dev.govwatch.notifier.Webhook> webhooks =
                hooks.webhooks().stream().map(w -> w.withSeverityOrElse(notifySeverity)).toList();
        try (StopSignal armed = stop.arm(Duration.ofMinutes(1));
             StreamsService service = StreamsService.start("notifier", NotifierTopology.build(config, webhooks),
                     config, options.replicationFactor, Duration.ofMinutes(2));
             DeliveryLoop delivery = new DeliveryLoop(config, webhooks, WebhookSender.standard()).start()) {
            out.println("notifier running for " + hooks.webhooks().size() + " webhook(s); press Ctrl-C to stop");
            out.flush();
            service.failure().thenRun(stop::request);
            try (MetricsEndpoint metrics = options.metrics(service.streams(), out)) {
                stop.await();
            }
            if (service.hasFailed()) {
                return ServiceOptions.failedForGood(spec, "notifier");
            }
        }
        return 0;
    }
}
