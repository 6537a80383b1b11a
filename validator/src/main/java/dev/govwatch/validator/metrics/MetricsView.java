package dev.govwatch.validator.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.govwatch.schemas.AlertJson;
import dev.govwatch.schemas.MetricCounts;
import dev.govwatch.schemas.RegionPath;

/**
 * The metrics of one place, year and level, with those of the places directly under it (a
 * province's prefectures, a prefecture's counties), as JSON-ready maps: each rate with its n and
 * Wilson interval ({@link Rate}), counts, and the open MISSING, LATE and INCONSISTENT alerts.
 * Built from the instances' sums added together, never from the reports themselves.
 */
public final class MetricsView {

    /** The rates, in the order shown, with their official names. */
    public static final Map<String, String> RATES = ordered(
            "disclosureRate", "实质公开率",
            "withheldRate", "不予公开率",
            "unableRate", "无法提供率",
            "carriedOverRate", "结转下年度比例",
            "reconsiderationCorrectionRate", "复议纠错率",
            "litigationCorrectionRate", "诉讼纠错率",
            "onTimeRate", "按时发布率");
    private static final List<String> ALERT_CATEGORIES = List.of("MISSING", "LATE", "INCONSISTENT");

    private MetricsView() {
    }

    /**
     * @param parts  the rows of every instance (the same place may come from several)
     * @param alerts the open alerts of every instance, as {@code /api/alerts} gives them
     * @param region the place asked for (a name or 行政区划代码; blank for the nation)
     * @return the answer, or empty when no row names that place
     */
    public static Optional<Map<String, Object>> of(List<MetricCounts> parts, List<Map<String, Object>> alerts, int year,
                                                   String level, String region) {
        Map<String, MetricCounts> sums = new LinkedHashMap<>();
        for (MetricCounts part : parts) {
            sums.merge(part.getPlaceKey(), part, (a, b) -> Counts.add(a, b, 1));
        }
        Optional<MetricCounts> place = region == null || region.isBlank() ? Optional.ofNullable(sums.get(MetricsStore.NATION))
                : named(sums.values(), region.strip());
        if (place.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Map<String, Long>> open = openAlerts(alerts, year);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("year", year);
        out.put("level", level);
        out.putAll(row(place.get(), open));
        List<Map<String, Object>> children = new ArrayList<>();
        sums.values().stream().filter(c -> place.get().getPlaceKey().equals(c.getParentKey()))
                .sorted(Comparator.comparing(MetricCounts::getPlaceKey)).forEach(c -> children.add(row(c, open)));
        out.put("children", children);
        return Optional.of(out);
    }

    /**
     * The place {@code region} names: its key (a code, or a name where no code is known), else its
     * exact name, else (a name typed without its suffix) its stem; the shallowest where several share it.
     */
    private static Optional<MetricCounts> named(java.util.Collection<MetricCounts> places, String region) {
        if (region.equals(MetricsStore.NATION)) {
            return places.stream().filter(c -> c.getPlaceKey().equals(MetricsStore.NATION)).findFirst();
        }
        Comparator<MetricCounts> shallowest = Comparator.comparingInt(MetricsView::depth);
        for (java.util.function.Predicate<MetricCounts> test : List.<java.util.function.Predicate<MetricCounts>>of(
                c -> c.getPlaceKey().equals(region), c -> region.equals(c.getPlaceName()), c -> within(c, region))) {
            Optional<MetricCounts> found = places.stream().filter(c -> !c.getPlaceKey().equals(MetricsStore.NATION)).filter(test)
                    .min(shallowest);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static boolean within(MetricCounts c, String region) {
        RegionPath.Level level = RegionPath.Level.valueOf(c.getPlaceLevel());
        return new RegionPath(List.of(new RegionPath.Place(level, c.getPlaceKey(), c.getPlaceName()))).within(region);
    }

    private static int depth(MetricCounts c) {
        return c.getPlaceKey().equals(MetricsStore.NATION) ? -1 : RegionPath.Level.valueOf(c.getPlaceLevel()).ordinal();
    }

    private static Map<String, Object> row(MetricCounts c, Map<String, Map<String, Long>> open) {
        Map<String, Long> alerts = open.getOrDefault(c.getPlaceKey(), Map.of());
        long missing = alerts.getOrDefault("MISSING", 0L);
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> place = new LinkedHashMap<>();
        place.put("key", c.getPlaceKey());
        place.put("name", c.getPlaceName());
        place.put("level", c.getPlaceLevel());
        m.put("place", place);
        m.put("reports", c.getReports());
        m.put("metrics", ratesJson(rates(c, missing)));
        Map<String, Object> counts = new LinkedHashMap<>();
        for (String category : ALERT_CATEGORIES) {
            counts.put(category, alerts.getOrDefault(category, 0L));
        }
        m.put("openAlerts", counts);
        return m;
    }

    /** Rates as JSON-ready maps: label, value, n, low, high, ranked. */
    public static Map<String, Object> ratesJson(Map<String, Rate> rates) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        rates.forEach((name, rate) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("label", RATES.get(name));
            r.put("value", rate.value());
            r.put("n", rate.n());
            r.put("low", rate.low());
            r.put("high", rate.high());
            r.put("ranked", rate.ranked());
            metrics.put(name, r);
        });
        return metrics;
    }

    /** The rates of one sum; {@code missing} expected reports count against publishing on time. */
    public static Map<String, Rate> rates(MetricCounts c, long missing) {
        Map<String, Rate> r = new LinkedHashMap<>();
        r.put("disclosureRate", Rate.of(c.getGranted(), c.getRequestsDecided()));
        r.put("withheldRate", Rate.of(c.getWithheld(), c.getRequestsWithheldBase()));
        r.put("unableRate", Rate.of(c.getUnable(), c.getRequestsUnableBase()));
        r.put("carriedOverRate", Rate.of(c.getCarriedOut(), c.getRequestsOnHand()));
        r.put("reconsiderationCorrectionRate", Rate.of(c.getReconsiderationsCorrected(), c.getReconsiderations()));
        r.put("litigationCorrectionRate", Rate.of(c.getLawsuitsCorrected(), c.getLawsuits()));
        r.put("onTimeRate", Rate.of(c.getPublishedOnTime(), c.getReportsWithDeadline() + missing));
        return r;
    }

    /** Place key → category → open alerts on {@code year}, over the nation and each place on the alert's region path. */
    private static Map<String, Map<String, Long>> openAlerts(List<Map<String, Object>> alerts, int year) {
        Map<String, Map<String, Long>> out = new HashMap<>();
        for (Map<String, Object> a : alerts) {
            if (!(a.get("year") instanceof Number y) || y.intValue() != year || !ALERT_CATEGORIES.contains(a.get("category"))) {
                continue;
            }
            String category = (String) a.get("category");
            out.computeIfAbsent(MetricsStore.NATION, k -> new HashMap<>()).merge(category, 1L, Long::sum);
            for (RegionPath.Place p : RegionPath.of(AlertJson.regionOf(a.get("region"))).places()) {
                out.computeIfAbsent(p.key(), k -> new HashMap<>()).merge(category, 1L, Long::sum);
            }
        }
        return out;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
