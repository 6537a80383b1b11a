package dev.govwatch.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an alert said, as a short digest of its message and evidence: a decision records the digest
 * of the alert it was made on, so that a later version of the same alert with other figures shows
 * as changed since it was reviewed.
 */
public final class AlertDigest {

    private AlertDigest() {
    }

    public static String of(Alert alert) {
        StringBuilder text = new StringBuilder(alert.getMessage());
        for (Evidence e : alert.getEvidence()) {
            text.append('\u0000').append(e.getWhere()).append('\u0001').append(e.getExpected())
                    .append('\u0001').append(e.getFound());
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
