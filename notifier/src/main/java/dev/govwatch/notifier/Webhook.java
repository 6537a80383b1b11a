package dev.govwatch.notifier;

import java.net.URI;
import java.util.Set;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.RegionPath;
import dev.govwatch.schemas.Severity;

/**
 * One receiver of alerts: where to POST, the secret its signatures are made with, and which alerts
 * it wants (empty sets mean all).
 *
 * @param name       stable name; notifications already sent are remembered under it
 * @param url        the endpoint
 * @param secret     HMAC-SHA256 key for the {@code X-Govwatch-Signature} header
 * @param categories alert categories wanted, e.g. MISSING, LATE
 * @param regions    places one of which the alert's region must lie in: a 行政区划代码 (2, 4 or 6 digits) or a province, prefecture or county name ({@link RegionPath#within})
 * @param severity   the least severity sent; null for {@link #DEFAULT_SEVERITY} (notes, INFO, are
 *                   for the dashboard, not for a receiver's inbox, unless asked for)
 */
public record Webhook(String name, URI url, String secret, Set<String> categories, Set<String> regions, Severity severity) {

    public static final Severity DEFAULT_SEVERITY = Severity.WARNING;

    public Webhook(String name, URI url, String secret, Set<String> categories, Set<String> regions) {
        this(name, url, secret, categories, regions, null);
    }

    /** This webhook, with {@code fallback} as its least severity if it names none itself. */
    public Webhook withSeverityOrElse(Severity fallback) {
        return severity != null || fallback == null ? this : new Webhook(name, url, secret, categories, regions, fallback);
    }

    public boolean wants(Alert alert) {
        Severity least = severity == null ? DEFAULT_SEVERITY : severity;
        if (alert.getSeverity().ordinal() < least.ordinal()) {
            return false;
        }
        if (!categories.isEmpty() && !categories.contains(alert.getCategory().name())) {
            return false;
        }
        if (regions.isEmpty()) {
            return true;
        }
        return RegionPath.of(alert.getRegion()).withinAny(regions);
    }
}
