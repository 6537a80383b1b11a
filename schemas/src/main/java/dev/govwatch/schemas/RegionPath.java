package dev.govwatch.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A region as the places it lies in, from the province down: each place with one canonical key, the
 * 6-digit 行政区划代码 where the code is known ({@code 370000} for 山东省, {@code 370300} for 淄博市,
 * {@code 370323} for 沂源县) and otherwise its name. Filters and roll-ups use these keys, never a
 * substring of the printed names: "山东" must not catch 山东路街道, and "370" must not catch 137000.
 *
 * @param places the province, prefecture and county, in that order, each present only where known
 */
public record RegionPath(List<Place> places) {

    /** The three levels a region names. */
    public enum Level { PROVINCE, PREFECTURE, COUNTY }

    /**
     * One place on a path.
     *
     * @param level what kind of place
     * @param key   the 6-digit code where known, else the name
     * @param name  the name where known, else null
     */
    public record Place(Level level, String key, String name) {
    }

    public RegionPath {
        places = List.copyOf(places);
    }

    /** The path of {@code region} (null or empty gives an empty path). */
    public static RegionPath of(Region region) {
        List<Place> places = new ArrayList<>();
        if (region == null) {
            return new RegionPath(places);
        }
        String code = region.getCode() != null && region.getCode().matches("\\d{6}") ? region.getCode() : null;
        add(places, Level.PROVINCE, code == null ? null : code.substring(0, 2) + "0000", region.getProvince());
        boolean prefectureCode = code != null && !code.endsWith("0000");
        add(places, Level.PREFECTURE, prefectureCode ? code.substring(0, 4) + "00" : null, region.getPrefecture());
        boolean countyCode = code != null && !code.endsWith("00");
        add(places, Level.COUNTY, countyCode ? code : null, region.getCounty());
        return new RegionPath(places);
    }

    private static void add(List<Place> places, Level level, String code, String name) {
        String n = name == null || name.isBlank() ? null : name.strip();
        if (code != null || n != null) {
            places.add(new Place(level, code != null ? code : n, n));
        }
    }

    /** The place at {@code level}, if the region names it. */
    public java.util.Optional<Place> at(Level level) {
        return places.stream().filter(p -> p.level() == level).findFirst();
    }

    /**
     * True when the region lies in the place {@code filter} names: a code (2, 4 or 6 digits, or the
     * 6-digit code of a province or prefecture, {@code 37}, {@code 3703}, {@code 370300}) or a name
     * ({@code 山东省}, or without its suffix, {@code 山东}). A blank filter takes in every region.
     */
    public boolean within(String filter) {
        return filter == null || filter.isBlank() || placeNamed(filter).isPresent();
    }

    /**
     * The place on this path that {@code filter} names (as {@link #within} reads it). A name with its
     * suffix must match exactly (示范省 is not 示范市); a name without one (山东) matches by its stem,
     * and where two places share a stem (吉林省, 吉林市) the shallowest is meant.
     */
    public java.util.Optional<Place> placeNamed(String filter) {
        if (filter == null || filter.isBlank()) {
            return java.util.Optional.empty();
        }
        String f = filter.strip();
        if (f.matches("\\d{2}|\\d{4}|\\d{6}")) {
            String code = (f + "0000").substring(0, 6);
            return places.stream().filter(p -> p.key().equals(code)).findFirst();
        }
        java.util.Optional<Place> exact = places.stream().filter(p -> f.equals(p.name()) || f.equals(p.key())).findFirst();
        if (exact.isPresent() || !bare(f).equals(f.toLowerCase(Locale.ROOT))) {
            return exact;
        }
        return places.stream().filter(p -> p.name() != null && bare(p.name()).equals(f.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** True when the region lies in any of {@code filters}; an empty set takes in every region. */
    public boolean withinAny(java.util.Collection<String> filters) {
        return filters.isEmpty() || filters.stream().anyMatch(this::within);
    }

    /** The name without the suffix of its kind (省, 自治区, 市, 地区, 州, 盟, 县, 区, 旗), so 山东 and 山东省 meet. */
    public static String bare(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (String suffix : List.of("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "地区", "省", "市", "州", "盟", "县", "区", "旗")) {
            if (n.length() > suffix.length() + 1 && n.endsWith(suffix)) {
                return n.substring(0, n.length() - suffix.length());
            }
        }
        return n;
    }
}
