package dev.govwatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.govwatch.stack.EmbeddedStack;
import dev.govwatch.stack.StackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code govwatch stack}: runs the embedded Kafka broker and Apicurio Registry until Ctrl-C. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Start the embedded Kafka (KRaft) broker and Apicurio Registry, create the topics, "
                + "print their addresses and keep them running until Ctrl-C.")
final class StackCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "data", description = "Where all state is kept (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "0", description = "Broker port; 0 reuses the last one or picks a free one.")
    private int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "0", description = "Registry port; 0 reuses the last one or picks a free one.")
    private int registryPort;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> props = new HashMap<>();
        props.put(StackConfig.DATA_DIR, dataDir.toString());
        props.put(StackConfig.KAFKA_PORT, kafkaPort);
        props.put(StackConfig.REGISTRY_PORT, registryPort);
        out.println("starting the embedded stack in " + dataDir.toAbsolutePath() + " …");
        out.flush();
        try (StopSignal stop = new StopSignal("govwatch-stack-stop").arm(Duration.ofMinutes(1));
             EmbeddedStack stack = EmbeddedStack.start(StackConfig.fromSystemProperties(props), false)) {
            out.println("bootstrap servers: " + stack.bootstrapServers());
            out.println("registry url:      " + stack.registryUrl());
            out.println("data directory:    " + stack.dataDir());
            out.println("press Ctrl-C to stop");
            out.flush();
            stop.await();
        }
        return 0;
    }
}
