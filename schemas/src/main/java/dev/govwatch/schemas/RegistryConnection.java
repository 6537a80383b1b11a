package dev.govwatch.schemas;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach the Apicurio Registry: its v2 API URL and any extra serde settings (auth, TLS),
 * passed through unchanged to the Apicurio serdes and client.
 *
 * @param url   base URL of the v2 API, e.g. {@code http://127.0.0.1:8081/apis/registry/v2}
 * @param extra further {@code apicurio.registry.*} settings
 */
public record RegistryConnection(String url, Map<String, Object> extra) {

    public RegistryConnection {
        Objects.requireNonNull(url, "registry url");
        extra = Map.copyOf(extra);
    }

    public static RegistryConnection of(String url) {
        return new RegistryConnection(url, Map.of());
    }

    /** The settings every govwatch serde starts from. */
    public Map<String, Object> serdeConfig() {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(io.apicurio.registry.serde.SerdeConfig.REGISTRY_URL, url);
        return config;
    }
}
