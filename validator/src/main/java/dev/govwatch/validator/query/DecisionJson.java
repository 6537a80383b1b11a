package dev.govwatch.validator.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.govwatch.schemas.Decision;
import dev.govwatch.schemas.DecisionRequest;
import dev.govwatch.schemas.EarlierDecision;
import dev.govwatch.schemas.Verdict;

/** Decisions as the query API writes and reads them. */
final class DecisionJson {

    private DecisionJson() {
    }

    static Map<String, Object> toMap(Decision d) {
        Map<String, Object> m = entry(d.getVerdict(), d.getReason(), d.getSnoozedUntil(), d.getReviewer(), d.getDecidedAt(),
                d.getEvidence());
        List<Map<String, Object>> earlier = new ArrayList<>();
        for (EarlierDecision e : d.getEarlier()) {
            earlier.add(entry(e.getVerdict(), e.getReason(), e.getSnoozedUntil(), e.getReviewer(), e.getDecidedAt(), e.getEvidence()));
        }
        m.put("earlier", earlier);
        return m;
    }

    private static Map<String, Object> entry(Verdict verdict, String reason, LocalDate until, String reviewer,
                                             java.time.Instant at, String evidence) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", verdict.name());
        m.put("reason", reason);
        m.put("snoozedUntil", until == null ? null : until.toString());
        m.put("reviewer", reviewer);
        m.put("decidedAt", at.toString());
        m.put("evidence", evidence);
        return m;
    }

    /**
     * A request from a POSTed JSON object: {@code alertId}, {@code verdict}, {@code reason},
     * {@code snoozedUntil} (yyyy-mm-dd), {@code reviewer}.
     *
     * @throws IllegalArgumentException for a verdict or date that cannot be read
     */
    static DecisionRequest request(Map<?, ?> body) {
        Object verdict = body.get("verdict");
        Verdict v;
        try {
            v = verdict == null ? null : Verdict.valueOf(verdict.toString().trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("verdict " + verdict + ": one of CONFIRMED, DISMISSED, SNOOZED, WITHDRAWN");
        }
        Object until = body.get("snoozedUntil");
        LocalDate date;
        try {
            date = until == null || until.toString().isBlank() ? null : LocalDate.parse(until.toString().trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("snoozedUntil " + until + ": not a date (yyyy-mm-dd)");
        }
        return new DecisionRequest(text(body.get("alertId")), v, text(body.get("reason")), date, text(body.get("reviewer")));
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
