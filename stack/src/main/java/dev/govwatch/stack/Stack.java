package dev.govwatch.stack;

import dev.govwatch.schemas.RegistryConnection;

/**
 * A running Kafka cluster plus Apicurio Registry that govwatch's services and tests talk to:
 * the embedded one ({@link EmbeddedStack}) or containers ({@link ContainerStack}).
 */
public interface Stack extends AutoCloseable {

    /** Kafka bootstrap servers, e.g. {@code 127.0.0.1:40123}. */
    String bootstrapServers();

    /** Base URL of the registry's v2 API, e.g. {@code http://127.0.0.1:40124/apis/registry/v2}. */
    String registryUrl();

    default RegistryConnection registry() {
        return RegistryConnection.of(registryUrl());
    }

    /** Stops the stack; its data stays where it was kept. */
    @Override
    void close();
}
