package dev.govwatch.stack;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import dev.govwatch.schemas.SchemaRegistrar;
import dev.govwatch.schemas.SharedSchemaResolver;
import dev.govwatch.schemas.TopicProvisioner;
import dev.govwatch.schemas.Topics;

/**
 * The stack on Docker through Testcontainers: Apache's {@code apache/kafka} image in KRaft mode and
 * Apicurio Registry's in-memory image of the same 2.4 line the embedded stack builds. For users
 * with a Docker engine; selected with {@code -Pcontainers}.
 */
public final class ContainerStack implements Stack {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String REGISTRY_IMAGE = "apicurio/apicurio-registry-mem:2.4.2.Final";

    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;

    private ContainerStack(KafkaContainer kafka, GenericContainer<?> registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    public static ContainerStack start() {
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_MESSAGE_MAX_BYTES", Integer.toString(Topics.MAX_RECORD_BYTES));
        GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE))
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/apis/registry/v2/system/info").forStatusCode(200));
        kafka.start();
        registry.start();
        ContainerStack stack = new ContainerStack(kafka, registry);
        SharedSchemaResolver.forget(stack.registryUrl());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).ensure(Topics.ALL);
        }
        new SchemaRegistrar(stack.registry()).registerAll(Topics.ALL);
        return stack;
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String registryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8080) + "/apis/registry/v2";
    }

    @Override
    public void close() {
        registry.stop();
        kafka.stop();
    }
}
