package dev.govwatch.validator.query;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may write through the query API (record decisions). Reads stay open. A server reachable only
 * from this machine (bound to loopback) takes writes as they come; one listening beyond it takes
 * them only with the shared secret, sent as {@code Authorization: Bearer TOKEN} and compared in
 * constant time; without a configured secret it takes none.
 */
public final class WriteAccess {

    /** The environment variable that holds the shared secret. */
    public static final String TOKEN_VARIABLE = "GOVWATCH_REVIEW_TOKEN";

    private final byte[] token;
    private final boolean loopbackOnly;

    private WriteAccess(String token, boolean loopbackOnly) {
        this.token = token == null || token.isBlank() ? null : token.strip().getBytes(StandardCharsets.UTF_8);
        this.loopbackOnly = loopbackOnly;
    }

    /** Access for a server bound to {@code bindAddress}, with the secret {@code token} (null: none). */
    public static WriteAccess of(String bindAddress, String token) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        return new WriteAccess(token, loopback);
    }

    /** Null if the request may write, else why not. */
    String refusal(String authorization) {
        if (token == null) {
            return loopbackOnly ? null : "writes need the shared secret when the API listens beyond this machine: set "
                    + TOKEN_VARIABLE + " for the service and send Authorization: Bearer TOKEN";
        }
        String given = authorization == null || !authorization.startsWith("Bearer ") ? ""
                : authorization.substring("Bearer ".length()).strip();
        return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8)) ? null
                : "a valid Authorization: Bearer TOKEN header is required to write";
    }
}
