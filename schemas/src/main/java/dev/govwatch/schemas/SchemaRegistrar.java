package dev.govwatch.schemas;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.RegistryClientFactory;
import io.apicurio.registry.rest.v2.beans.IfExists;
import io.apicurio.registry.rest.v2.beans.Rule;
import io.apicurio.registry.types.ArtifactType;
import io.apicurio.registry.types.RuleType;

/**
 * Puts each topic's value schema into the registry and fixes its compatibility rule, so that a
 * producer with a schema that would break readers of older records is refused by the registry
 * itself and not only by {@link ReleasedSchemas}' build-time check.
 */
public final class SchemaRegistrar {

    /** Every schema change must let new readers read every version ever written. */
    public static final String COMPATIBILITY = "BACKWARD_TRANSITIVE";

    /** Apicurio's group for artifacts registered without one (what the serdes use). */
    public static final String GROUP = "default";

    private final RegistryClient client;

    public SchemaRegistrar(RegistryConnection registry) {
        this.client = RegistryClientFactory.create(registry.url(), registry.extra());
    }

    /** Registers the schema of every topic (a no-op for those already current) and their rules. */
    public void registerAll(Collection<Topic<?>> topics) {
        for (Topic<?> topic : topics) {
            register(topic);
        }
    }

    public void register(Topic<?> topic) {
        byte[] schema = topic.valueSchema().toString().getBytes(StandardCharsets.UTF_8);
        client.createArtifact(GROUP, topic.valueArtifactId(), null, ArtifactType.AVRO,
                IfExists.RETURN_OR_UPDATE, false, new ByteArrayInputStream(schema));
        if (!client.listArtifactRules(GROUP, topic.valueArtifactId()).contains(RuleType.COMPATIBILITY)) {
            client.createArtifactRule(GROUP, topic.valueArtifactId(), new Rule(COMPATIBILITY, RuleType.COMPATIBILITY));
        }
    }
}
