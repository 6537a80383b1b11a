package dev.govwatch.schemas;

import java.util.Set;

import io.apicurio.registry.rest.client.exception.RestClientException;

/**
 * Tells a registry that cannot be reached from a record that cannot be read. The first passes (the
 * registry restarts, a network blip), so the record must be tried again later; the second never
 * will, so the record belongs in the dead-letter topic. Dead-lettering a good record because the
 * registry was down for a minute would take it out of the pipeline for good.
 */
public final class RegistryUnavailable {

    /**
     * Exceptions that mean no answer came. The Apicurio client reports them as a
     * RestClientException without a code, named after the I/O exception it caught.
     */
    private static final Set<String> NO_ANSWER = Set.of("ConnectException", "HttpConnectTimeoutException",
            "HttpTimeoutException", "SocketTimeoutException", "NoRouteToHostException", "UnknownHostException",
            "ClosedChannelException", "SocketException", "IOException", "EOFException", "SSLHandshakeException");

    private RegistryUnavailable() {
    }

    /** True when {@code error}, or any of its causes, is the registry not answering or answering 5xx/429. */
    public static boolean causedBy(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RestClientException rest && unavailable(rest)) {
                return true;
            }
            // Thrown by the JDK HTTP client where Apicurio does not wrap it.
            if (t instanceof java.net.ConnectException || t instanceof java.net.http.HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailable(RestClientException e) {
        io.apicurio.registry.rest.v2.beans.Error error = e.getError();
        if (error == null) {
            return true;
        }
        Integer code = error.getErrorCode();
        if (code == null) {
            return error.getName() == null || NO_ANSWER.contains(error.getName());
        }
        return code >= 500 || code == 429;
    }
}
