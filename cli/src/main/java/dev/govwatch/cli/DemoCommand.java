package dev.govwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.govwatch.notifier.Webhook;
import dev.govwatch.notifier.WebhookFile;
import dev.govwatch.samples.DemoScenario;
import dev.govwatch.samples.PortalSimulator;
import dev.govwatch.schemas.AgencyLevel;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.ExpectedAgency;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.Region;
import dev.govwatch.validator.Deadlines;
import dev.govwatch.validator.ValidatorTopology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code govwatch demo}: the whole pipeline of {@code govwatch run} against simulated portals on
 * loopback that publish reports over about two minutes ({@link DemoScenario}), printing each event
 * and each alert as it arrives. Fully offline; state lives in a fresh temporary directory unless
 * {@code --data-dir} is given.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the pipeline against simulated county portals that publish reports with every kind of problem "
                + "over about two minutes; print alerts as they arrive. Fully offline. Ctrl-C stops.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--http-port", defaultValue = "0",
            description = "Port of the dashboard and query API on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--webhooks", description = "Webhook file (YAML): also run the notifier, POSTing alerts to these webhooks.")
    private Path webhookFile;

    @Option(names = "--data-dir", description = "Keep the demo's state here (default: a temporary directory, removed at the end).")
    private Path dataDir;

    @Option(names = "--speed", defaultValue = "1", description = "Play the timeline this many times faster (default: ${DEFAULT-VALUE}).")
    private double speed;

    @Option(names = "--exit", description = "Exit once the timeline has played and every alert category has appeared "
            + "(exit code 1 if one has not within --timeout-seconds).")
    private boolean exitWhenDone;

    @Option(names = "--timeout-seconds", defaultValue = "600", description = "With --exit: how long to wait (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    /** Ctrl-C, or a test, stops the demo. */
    final StopSignal stop = new StopSignal("govwatch-demo-stop");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("govwatch-demo") : dataDir;
        try {
            return play(out, dir);
        } finally {
            if (temporary) {
                DirectoryTree.delete(dir);
            }
        }
    }

    private int play(PrintWriter out, Path dir) throws Exception {
        say(out, "govwatch demo: three simulated county portals on loopback publish 2025 reports over about "
                + Math.round(120 / speed) + " s; every alert category should appear. State in " + dir.toAbsolutePath());
        List<Webhook> webhooks = List.of();
        if (webhookFile != null) {
            WebhookFile.Result hooks = WebhookFile.read(webhookFile, System.getenv());
            if (!hooks.ok()) {
                hooks.errors().forEach(e -> spec.commandLine().getErr().println("govwatch demo: " + webhookFile + ": " + e));
                return 1;
            }
            // The demo shows every category, notes (CHANGED) included.
            webhooks = hooks.webhooks().stream().map(w -> w.withSeverityOrElse(dev.govwatch.schemas.Severity.INFO)).toList();
        }
        try (PortalSimulator simulator = new PortalSimulator()) {
            DemoScenario scenario = new DemoScenario(simulator, 200);
            List<Portal> portals = scenario.portals().stream().map(DemoCommand::portal).toList();
            ValidatorTopology.MissingPolicy missing = new ValidatorTopology.MissingPolicy(Duration.ofDays(7),
                    Duration.ofMillis((long) Math.max(2000, 10_000 / speed)));
            say(out, "starting the embedded stack, extractor, validator and crawler …");
            try (StopSignal armed = stop.arm(Duration.ofSeconds(90));
                 LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.Options(dir, Duration.ofMillis(100),
                         Deadlines.national(), missing, new SimpleMeterRegistry(), webhooks, httpPort), sweep -> { })) {
                pipeline.publish(portals);
                say(out, "dashboard: " + pipeline.dashboardUrl());
                for (Portal p : portals) {
                    say(out, "watching " + p.getName() + " " + p.getListPages().get(0) + " (expects "
                            + p.getExpectedAgencies().stream().map(ExpectedAgency::getName).toList() + ")");
                }
                return timeline(out, scenario, pipeline);
            }
        }
    }

    private int timeline(PrintWriter out, DemoScenario scenario, LocalPipeline pipeline) {
        List<DemoScenario.Step> pending = new ArrayList<>(scenario.steps());
        pending.sort(Comparator.comparing(DemoScenario.Step::at));
        Set<String> seen = new LinkedHashSet<>();
        int opened = 0;
        int resolved = 0;
        boolean corrected = false;
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(timeoutSeconds).toNanos();
        boolean announced = false;
        while (!stop.requested()) {
            long elapsedMs = (long) ((System.nanoTime() - start) / 1e6 * speed);
            while (!pending.isEmpty() && pending.get(0).at().toMillis() <= elapsedMs) {
                DemoScenario.Step step = pending.remove(0);
                say(out, "demo: " + step.says());
                step.action().run();
            }
            for (Alert alert : pipeline.step(Duration.ofMillis(250))) {
                say(out, AlertLine.of(alert));
                if (alert.getStatus() == AlertStatus.OPEN) {
                    opened++;
                    seen.add(alert.getCategory().name());
                } else {
                    resolved++;
                    corrected |= alert.getRule().equals(DemoScenario.RESOLVED_RULE);
                }
            }
            boolean complete = pending.isEmpty() && seen.containsAll(DemoScenario.CATEGORIES) && corrected;
            if (complete && !announced) {
                say(out, String.format("demo: every category has appeared (%s); %d alert(s) opened, %d resolved.%s", String.join(", ", seen),
                        opened, resolved, exitWhenDone ? "" : " Still watching; Ctrl-C stops."));
                announced = true;
                if (exitWhenDone) {
                    return 0;
                }
            }
            if (exitWhenDone && System.nanoTime() > deadline) {
                List<String> absent = DemoScenario.CATEGORIES.stream().filter(c -> !seen.contains(c)).toList();
                spec.commandLine().getErr().printf("govwatch demo: after %d s still waiting for %s%s%n", timeoutSeconds,
                        absent.isEmpty() ? "" : "categories " + absent,
                        corrected ? "" : (absent.isEmpty() ? "" : " and ") + "the corrected report's " + DemoScenario.RESOLVED_RULE + " to resolve");
                return 1;
            }
        }
        say(out, "stopping …");
        return 0;
    }

    private static Portal portal(DemoScenario.PortalSpec spec) {
        return Portal.newBuilder().setId(spec.id()).setName(spec.name())
                .setRegion(Region.newBuilder().setProvince("示范省").setPrefecture("示范市").setCounty(spec.name().replace("人民政府", "")).build())
                .setListPages(List.of(spec.columnUrl()))
                .setExpectedAgencies(spec.expected().stream()
                        .map(a -> ExpectedAgency.newBuilder().setName(a.name()).setLevel(AgencyLevel.valueOf(a.level())).build()).toList())
                .setCrawlIntervalSeconds(5).setHostDelayMillis(100).setAllowPrivateAddresses(true).build();
    }

    private static void say(PrintWriter out, String line) {
        synchronized (out) {
            out.println(Instant.now().toString().substring(11, 19) + " " + line);
            out.flush();
        }
    }

}
