package dev.govwatch.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka (broker and controller in one process) from Apache's own jars, run as a
 * child JVM with its log in {@code <data>/kafka}. The first start formats the storage; later
 * starts reuse it, so topics and offsets survive restarts.
 */
final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

    private final ChildProcess process;
    private final String bootstrapServers;

    private KafkaBroker(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    static KafkaBroker start(Path dir, int port, int controllerPort, String heap, List<String> jvmOptions, Duration timeout) {
        Path logDir = dir.resolve("log");
        Path serverProperties = dir.resolve("server.properties");
        Path log4j = dir.resolve("log4j2.properties");
        writeProperties(serverProperties, serverProperties(logDir, port, controllerPort));
        writeLog4j(log4j);
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j.toUri()));
        jvm.addAll(jvmOptions);
        jvm.addAll(List.of("-cp", System.getProperty("java.class.path")));

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            LOG.info("formatting new KRaft storage in {}", logDir);
            ChildProcess.runJava("kafka-format", dir, jvm,
                    List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                            "-c", serverProperties.toString()), timeout);
        }
        String bootstrap = "127.0.0.1:" + port;
        ChildProcess child = ChildProcess.startJava("kafka", dir, jvm,
                List.of("kafka.Kafka", serverProperties.toString()), Map.of());
        KafkaBroker broker = new KafkaBroker(child, bootstrap);
        try {
            broker.awaitReady(timeout);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        return broker;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        // A controlled shutdown flushes the log; 60 s covers it on a loaded 2-core machine.
        process.stop(Duration.ofSeconds(60));
    }

    private void awaitReady(Duration timeout) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        try (Admin admin = Admin.create(config)) {
            process.awaitReady("the Kafka broker at " + bootstrapServers, timeout, () -> {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000)).nodes().get(3, TimeUnit.SECONDS);
                return true;
            });
        }
    }

    private static Properties serverProperties(Path logDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        // One node: every internal topic has one replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "6");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "6");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // A send that races the previous transaction's commit markers waits here, retried every 20 ms
        // until the markers are written, instead of going back to the client after 100 ms (the
        // default) to be retried after the client's own backoff: in the broker's slow first seconds
        // those round trips cost the first pages seconds (docs/BENCHMARKS.md, latency).
        p.setProperty("add.partitions.to.txn.retry.backoff.max.ms", "1000");
        // Topics come from the topic registry; a typo must fail instead of creating a new topic.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("message.max.bytes", Integer.toString(dev.govwatch.schemas.Topics.MAX_RECORD_BYTES));
        // The cleaner's default 128 MiB dedupe buffer would dominate a small heap.
        p.setProperty("log.cleaner.dedupe.buffer.size", "8388608");
        return p;
    }

    private static void writeProperties(Path file, Properties properties) {
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "written by govwatch's embedded stack on every start");
        } catch (IOException e) {
            throw new StackException("cannot write " + file + ": " + e, e);
        }
    }

    private static void writeLog4j(Path file) {
        String config = String.join("\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = OUT",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.out.ref = OUT",
                "logger.kafka.name = kafka",
                "logger.kafka.level = warn",
                "logger.org.name = org.apache.kafka",
                "logger.org.level = warn",
                "logger.state.name = state.change.logger",
                "logger.state.level = warn",
                "logger.started.name = kafka.server.KafkaRaftServer",
                "logger.started.level = info",
                "");
        try {
            Files.writeString(file, config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("cannot write " + file + ": " + e, e);
        }
    }
}
