package dev.govwatch.notifier;

import java.net.URI;
import java.util.Set;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.Region;

/**
 * One receiver of alerts: where to POST, the secret its signatures are made with, and which alerts
 * it wants (empty sets mean all).
 *
 * @param name       stable name; notifications already sent are remembered under it
 * @param url        the endpoint
 * @param secret     HMAC-SHA256 key for the {@code X-Govwatch-Signature} header
 * @param categories alert categories wanted, e.g. MISSING, LATE
 * @param regions    texts one of which the alert's region (code, province, prefecture or county) must contain
 */
public record Webhook(String name, URI url, String secret, Set<String> categories, Set<String> regions) {

    public boolean wants(Alert alert) {
        if (!categories.isEmpty() && !categories.contains(alert.getCategory().name())) {
            return false;
        }
        if (regions.isEmpty()) {
            return true;
        }
        Region r = alert.getRegion();
        if (r == null) {
            return false;
        }
        String all = String.join("|", String.valueOf(r.getCode()), String.valueOf(r.getProvince()),
                String.valueOf(r.getPrefecture()), String.valueOf(r.getCounty()));
        return regions.stream().anyMatch(all::contains);
    }
}
