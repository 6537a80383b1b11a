package dev.govwatch.schemas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON form of an {@link Alert} that people and other programs receive: {@code govwatch check}
 * and {@code govwatch alerts --format json}, webhook bodies and the query API all print this one
 * shape, so a consumer written against one reads the others.
 */
public final class AlertJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {
    }

    public static Map<String, Object> toMap(Alert alert) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", alert.getId());
        m.put("rule", alert.getRule());
        m.put("category", alert.getCategory().name());
        m.put("severity", alert.getSeverity().name());
        m.put("status", alert.getStatus().name());
        m.put("agency", alert.getAgency());
        m.put("region", region(alert.getRegion()));
        m.put("year", alert.getYear());
        m.put("reportKey", alert.getReportKey());
        m.put("url", alert.getUrl());
        m.put("message", alert.getMessage());
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (Evidence e : alert.getEvidence()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("where", e.getWhere());
            em.put("expected", e.getExpected());
            em.put("found", e.getFound());
            evidence.add(em);
        }
        m.put("evidence", evidence);
        m.put("raisedAt", alert.getRaisedAt() == null ? null : alert.getRaisedAt().toString());
        m.put("updatedAt", alert.getUpdatedAt() == null ? null : alert.getUpdatedAt().toString());
        if (!alert.getFormerIds().isEmpty()) {
            m.put("formerIds", List.copyOf(alert.getFormerIds()));
        }
        if (alert.getMovedTo() != null) {
            m.put("movedTo", alert.getMovedTo());
        }
        return m;
    }

    public static String toJson(Alert alert) {
        return write(toMap(alert));
    }

    /** Any map of JSON-able values as a compact JSON object. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert map cannot fail to serialize", e);
        }
    }

    /** A region as {@link #region(Region)} wrote it, read back; null for anything else. */
    public static Region regionOf(Object json) {
        if (!(json instanceof Map<?, ?> m)) {
            return null;
        }
        return Region.newBuilder().setCode((String) m.get("code")).setProvince((String) m.get("province"))
                .setPrefecture((String) m.get("prefecture")).setCounty((String) m.get("county")).build();
    }

    /** A region as JSON: code, province, prefecture, county (null when unknown). */
    public static Map<String, Object> region(Region region) {
        if (region == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", region.getCode());
        m.put("province", region.getProvince());
        m.put("prefecture", region.getPrefecture());
        m.put("county", region.getCounty());
        return m;
    }
}
