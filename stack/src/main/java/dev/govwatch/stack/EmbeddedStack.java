package dev.govwatch.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.govwatch.schemas.SchemaRegistrar;
import dev.govwatch.schemas.SharedSchemaResolver;
import dev.govwatch.schemas.TopicProvisioner;
import dev.govwatch.schemas.Topics;

/**
 * The real stack on one machine: a KRaft broker and Apicurio Registry as child JVMs on free
 * loopback ports, all state in one data directory, the pipeline's topics created and their
 * schemas registered with the compatibility rule. A restart on the same directory resumes.
 */
public final class EmbeddedStack implements Stack {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private final DataDirectory dataDir;
    private final KafkaBroker broker;
    private final java.util.function.Supplier<RegistryServer> registryStarter;
    private volatile RegistryServer registry;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private EmbeddedStack(DataDirectory dataDir, KafkaBroker broker, RegistryServer registry,
                          java.util.function.Supplier<RegistryServer> registryStarter, boolean stopOnJvmExit) {
        this.dataDir = dataDir;
        this.broker = broker;
        this.registry = registry;
        this.registryStarter = registryStarter;
        this.shutdownHook = stopOnJvmExit ? new Thread(this::stopChildren, "govwatch-stack-shutdown") : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** Starts the stack in {@code dataDir} with all other settings at their defaults. */
    public static EmbeddedStack start(Path dataDir) {
        return start(StackConfig.fromSystemProperties(Map.of(StackConfig.DATA_DIR, dataDir.toString())));
    }

    public static EmbeddedStack start(StackConfig config) {
        return start(config, true);
    }

    /**
     * @param stopOnJvmExit stop the children from a shutdown hook; callers that close the stack
     *                      themselves after their own services (govwatch run) pass false, so that the
     *                      broker and registry outlive the services' last commits
     */
    public static EmbeddedStack start(StackConfig config, boolean stopOnJvmExit) {
        return start(config, stopOnJvmExit, ports -> { });
    }

    /** How many times the stack is started on fresh ports when a port it chose was taken before its child could bind it. */
    static final int PORT_RACE_ATTEMPTS = 3;

    /**
     * @param portsChosen called with the ports chosen on each attempt, before the children start
     *                    (tests take one of them there, as another process can)
     */
    static EmbeddedStack start(StackConfig config, boolean stopOnJvmExit, java.util.function.Consumer<Map<String, Integer>> portsChosen) {
        DataDirectory dir = DataDirectory.open(config.dataDir());
        for (int attempt = 1; ; attempt++) {
            try {
                return startIn(dir, config, stopOnJvmExit, portsChosen);
            } catch (StackException e) {
                // A free port is only free when it was looked at: an outgoing connection or another
                // process can take it before the broker or registry binds it. Ports the user chose are
                // never changed; ours are chosen again.
                boolean ours = config.getInt(StackConfig.KAFKA_PORT) == 0 && config.getInt(StackConfig.KAFKA_CONTROLLER_PORT) == 0
                        && config.getInt(StackConfig.REGISTRY_PORT) == 0;
                if (attempt >= PORT_RACE_ATTEMPTS || !ours || !lostPortRace(e)) {
                    dir.close();
                    throw e;
                }
                LOG.warn("a port chosen for the stack was taken before it could be bound; choosing new ports (attempt {} of {})",
                        attempt + 1, PORT_RACE_ATTEMPTS);
                dir.forgetPorts();
            } catch (RuntimeException e) {
                dir.close();
                throw e;
            }
        }
    }

    /** Whether a child failed to start because its port was in use. */
    static boolean lostPortRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && (t.getMessage().contains("Address already in use")
                    || t.getMessage().contains("Port already bound") || t.getMessage().contains("failed to bind"))) {
                return true;
            }
        }
        return false;
    }

    private static EmbeddedStack startIn(DataDirectory dir, StackConfig config, boolean stopOnJvmExit,
                                         java.util.function.Consumer<Map<String, Integer>> portsChosen) {
        long started = System.nanoTime();
        Path registryHome = config.registryHome();
        Duration timeout = config.startupTimeout();
        int kafkaPort = dir.port("kafka", config.getInt(StackConfig.KAFKA_PORT));
        int controllerPort = dir.port("kafka.controller", config.getInt(StackConfig.KAFKA_CONTROLLER_PORT));
        int registryPort = dir.port("registry", config.getInt(StackConfig.REGISTRY_PORT));
        portsChosen.accept(Map.of("kafka", kafkaPort, "kafka.controller", controllerPort, "registry", registryPort));
        Path kafkaDir = dir.subdirectory("kafka");
        Path registryDir = dir.subdirectory("registry");

        // Both take seconds to start and do not depend on each other.
        CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(() -> KafkaBroker.start(
                kafkaDir, kafkaPort, controllerPort, config.getString(StackConfig.KAFKA_HEAP), config.kafkaJvmOptions(), timeout));
        java.util.function.Supplier<RegistryServer> registryStarter = () -> RegistryServer.start(
                registryDir, registryHome, registryPort, config.getString(StackConfig.REGISTRY_HEAP), timeout);
        CompletableFuture<RegistryServer> registry = CompletableFuture.supplyAsync(registryStarter);
        EmbeddedStack stack = new EmbeddedStack(dir, join(broker, registry), join(registry, broker), registryStarter,
                stopOnJvmExit);
        // A fresh registry numbers its schemas anew, maybe on a port an earlier stack of this JVM used.
        SharedSchemaResolver.forget(stack.registryUrl());
        try {
            stack.provision();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        LOG.info("embedded stack ready in {} ms: kafka {}, registry {}, data {}",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), stack.bootstrapServers(),
                stack.registryUrl(), dir.root());
        return stack;
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public String registryUrl() {
        return registry.apiUrl();
    }

    /**
     * Where the stack last started in {@code dataDir} listens (from the ports it remembers), so that
     * other commands can reach a running {@code govwatch run}; empty if no stack ever ran there.
     * Whether it still runs is for the caller to find out by connecting.
     */
    public static java.util.Optional<Stack> lastStartedIn(Path dataDir) {
        java.util.Optional<java.util.Properties> ports = DataDirectory.rememberedPorts(dataDir);
        if (ports.isEmpty() || ports.get().getProperty("kafka") == null || ports.get().getProperty("registry") == null) {
            return java.util.Optional.empty();
        }
        String kafka = "127.0.0.1:" + ports.get().getProperty("kafka");
        String registry = "http://127.0.0.1:" + ports.get().getProperty("registry") + "/apis/registry/v2";
        return java.util.Optional.of(new Stack() {
            @Override
            public String bootstrapServers() {
                return kafka;
            }

            @Override
            public String registryUrl() {
                return registry;
            }

            @Override
            public void close() {
                // Only an address: the stack belongs to the process that started it.
            }
        });
    }

    public Path dataDir() {
        return dataDir.root();
    }

    /** Process id of the broker JVM, for tests that kill it. */
    public long brokerPid() {
        return broker.process().pid();
    }

    /** Process id of the registry JVM. */
    public long registryPid() {
        return registry.process().pid();
    }

    /**
     * Stops the registry alone, leaving the broker up: the fault a registry upgrade or crash causes.
     * {@link #startRegistry()} brings it back on the same port and storage.
     */
    public synchronized void stopRegistry() {
        registry.close();
    }

    /** Starts the registry again after {@link #stopRegistry()}; every schema id resolves as before. */
    public synchronized void startRegistry() {
        if (closed) {
            throw new IllegalStateException("the stack is closed");
        }
        if (registry.process().isAlive()) {
            throw new IllegalStateException("the registry is running");
        }
        registry = registryStarter.get();
    }

    @Override
    public void close() {
        stopChildren();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running.
            }
        }
    }

    private synchronized void stopChildren() {
        if (closed) {
            return;
        }
        closed = true;
        registry.close();
        broker.close();
        dataDir.close();
    }

    private void provision() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<String> created = new TopicProvisioner(admin, (short) 1).ensure(Topics.ALL);
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
        }
        new SchemaRegistrar(registry()).registerAll(Topics.ALL);
    }

    /** Waits for {@code first}; if it failed, stops whatever {@code other} started and rethrows. */
    private static <T> T join(CompletableFuture<T> first, CompletableFuture<? extends AutoCloseable> other) {
        try {
            return first.join();
        } catch (CompletionException e) {
            AutoCloseable started = other.handle((value, failure) -> value).join();
            if (started != null) {
                try {
                    started.close();
                } catch (Exception ignored) {
                    // Reporting the first failure matters more.
                }
            }
            throw e.getCause() instanceof RuntimeException r ? r : new StackException(e.getCause().toString(), e.getCause());
        }
    }
}
