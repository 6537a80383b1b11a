package dev.govwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import dev.govwatch.crawler.PortalFile;
import dev.govwatch.notifier.Webhook;
import dev.govwatch.notifier.WebhookFile;
import dev.govwatch.validator.Deadlines;
import dev.govwatch.schemas.Severity;
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

    @Option(names = "--http-port", defaultValue = "8470",
            description = "Port of the dashboard and query API on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--webhooks", description = "Webhook file (YAML): also run the notifier, POSTing alerts to these webhooks.")
    private Path webhookFile;

    @Option(names = "--data-dir", defaultValue = "data", description = "Where all state is kept (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--min-delay-ms", defaultValue = "2000", description = "Least pause between two requests to one host (default: ${DEFAULT-VALUE}).")
    private long minDelayMs;

    @Option(names = "--deadlines", description = "Deadline overrides, e.g. TOWN@河北省=02-20.")
    private String deadlines;

    @Option(names = "--print-severity", defaultValue = "WARNING", description = "Least severity of the ALERT lines printed: "
            + "INFO, WARNING or ERROR (default: ${DEFAULT-VALUE}); notes (INFO) stay on the dashboard and in govwatch alerts.")
    private Severity printSeverity;

    @Option(names = "--notify-severity", description = "Least severity sent to webhooks that name none themselves (default: WARNING).")
    private Severity notifySeverity;

    /** Ctrl-C, or a test, stops the run. */
    final StopSignal stop = new StopSignal("govwatch-run-stop");

    @picocli.CommandLine.Mixin
    private MetricsOptions metrics;

    @Override
    public Integer call() throws Exception {
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry meters = MetricsOptions.registryWithJvm();
        MetricsEndpoint endpoint = metrics.start(meters, () -> true, () -> true, spec.commandLine().getOut());
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
        List<Webhook> webhooks = List.of();
        if (webhookFile != null) {
            WebhookFile.Result hooks = WebhookFile.read(webhookFile, System.getenv());
            if (!hooks.ok()) {
                hooks.errors().forEach(e -> spec.commandLine().getErr().println("govwatch run: " + webhookFile + ": " + e));
                return 1;
            }
            webhooks = hooks.webhooks().stream().map(w -> w.withSeverityOrElse(notifySeverity)).toList();
        }
        say(out, "starting the embedded stack, extractor, validator" + (webhooks.isEmpty() ? "" : ", notifier") + " and crawler in " + dataDir.toAbsolutePath() + " …");
        try (StopSignal armed = stop.arm(Duration.ofSeconds(90));
             LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.Options(dataDir, Duration.ofMillis(minDelayMs),
                     Deadlines.withOverrides(deadlines), ValidatorTopology.MissingPolicy.defaults(), meters, webhooks, httpPort), sweep -> say(out,
                     String.format("swept %s: %d report link(s), %d published, %d unchanged, %d blocked, %d failed",
                             sweep.portalId(), sweep.reportLinks(), sweep.published(), sweep.notModified(), sweep.blocked(),
                             sweep.failed())))) {
            say(out, "kafka " + pipeline.stack().bootstrapServers() + ", registry " + pipeline.stack().registryUrl()
                    + "; extractor and validator running; dashboard " + pipeline.dashboardUrl());
            pipeline.publish(file.portals());
            say(out, file.portals().size() + " portal(s) from " + portalFile + "; crawling. Ctrl-C stops.");
            AlertFeed feed = new AlertFeed(printSeverity);
            long lastNoteLine = System.nanoTime();
            while (!stop.requested()) {
                feed.lines(pipeline.step(Duration.ofMillis(500))).forEach(line -> say(out, line));
                if (System.nanoTime() - lastNoteLine > Duration.ofSeconds(30).toNanos()) {
                    sayNotes(out, feed);
                    lastNoteLine = System.nanoTime();
                }
            }
            sayNotes(out, feed);
            say(out, "stopping …");
        }
        return 0;
    }

    private static void sayNotes(PrintWriter out, AlertFeed feed) {
        String notes = feed.notesLine();
        if (notes != null) {
            say(out, notes);
        }
    }

    private static void say(PrintWriter out, String line) {
        synchronized (out) {
            out.println(Instant.now().toString().substring(11, 19) + " " + line);
            out.flush();
        }
    }
}
