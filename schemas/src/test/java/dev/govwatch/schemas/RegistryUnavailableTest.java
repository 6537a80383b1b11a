package dev.govwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;

import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.RegistryClientFactory;
import io.apicurio.registry.rest.client.exception.RestClientException;
import io.apicurio.registry.rest.v2.beans.Error;

class RegistryUnavailableTest {

    @Test
    void aRegistryThatDoesNotAnswerIsUnavailable() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RegistryClient client = RegistryClientFactory.create("http://127.0.0.1:" + closedPort + "/apis/registry/v2");
        Throwable thrown = null;
        try {
            client.getContentByGlobalId(3);
        } catch (RuntimeException e) {
            thrown = e;
        }
        assertThat(thrown).as("the real client's error for a refused connection").isNotNull();
        assertThat(RegistryUnavailable.causedBy(new SerializationException("wrapped", thrown))).isTrue();
    }

    @Test
    void serverErrorsAndThrottlingAreUnavailable() {
        assertThat(RegistryUnavailable.causedBy(rest(503, "ServiceUnavailable"))).isTrue();
        assertThat(RegistryUnavailable.causedBy(rest(500, "RuntimeException"))).isTrue();
        assertThat(RegistryUnavailable.causedBy(rest(429, "TooManyRequests"))).isTrue();
    }

    @Test
    void answersAboutTheRecordAreNotUnavailability() {
        // An unknown schema id: the payload is wrong, the registry is fine.
        assertThat(RegistryUnavailable.causedBy(new SerializationException(rest(404, "ArtifactNotFoundException")))).isFalse();
        assertThat(RegistryUnavailable.causedBy(rest(409, "RuleViolationException"))).isFalse();
        // Corrupt Avro fails in the decoder, whatever I/O exception it uses.
        assertThat(RegistryUnavailable.causedBy(new SerializationException(new EOFException()))).isFalse();
        assertThat(RegistryUnavailable.causedBy(new AvroRuntimeException("Malformed data. Length is negative: -40"))).isFalse();
        assertThat(RegistryUnavailable.causedBy(new IllegalStateException("no cause"))).isFalse();
    }

    private static RestClientException rest(int code, String name) {
        Error error = new Error();
        error.setErrorCode(code);
        error.setName(name);
        error.setMessage(name);
        return new RestClientException(error);
    }
}
