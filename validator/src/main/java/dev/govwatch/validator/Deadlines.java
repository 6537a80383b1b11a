package dev.govwatch.validator;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.govwatch.schemas.AgencyLevel;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.RegionPath;

/**
 * Publication deadlines for the report on year Y, by agency level and region. National defaults:
 * reports for Y ≤ 2018 by 31 March of Y+1 (old Art. 31); from 2019, departments by 31 January and
 * governments by 31 March of Y+1 (new Art. 49). Towns and streets have no national date; they default
 * to 31 March and provinces or cities override that (e.g. {@code TOWN@河北省=02-20}; the place may be
 * any province, prefecture or county, by name or 行政区划代码, the deepest that applies winning).
 */
public final class Deadlines {

    private static final MonthDay END_OF_JANUARY = MonthDay.of(1, 31);
    private static final MonthDay END_OF_MARCH = MonthDay.of(3, 31);

    /** Overrides keyed "LEVEL@place" or "LEVEL". */
    private final Map<String, MonthDay> overrides;

    private Deadlines(Map<String, MonthDay> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    /** The overrides in a stable order, e.g. {@code DEPARTMENT=--03-31}; empty for the national rules. */
    public String describe() {
        return new java.util.TreeMap<>(overrides).toString();
    }

    public static Deadlines national() {
        return new Deadlines(Map.of());
    }

    /**
     * Parses overrides such as {@code TOWN@河北省=02-20,TOWN=03-15} (month-day of year Y+1).
     *
     * @throws IllegalArgumentException naming the entry that cannot be read
     */
    public static Deadlines withOverrides(String spec) {
        Map<String, MonthDay> overrides = new HashMap<>();
        if (spec != null && !spec.isBlank()) {
            for (String entry : spec.split(",")) {
                String[] kv = entry.trim().split("=");
                if (kv.length != 2) {
                    throw new IllegalArgumentException("deadline override '" + entry + "' is not LEVEL[@place]=MM-DD (place: a province, prefecture or county name or code)");
                }
                String level = kv[0].trim().split("@")[0];
                AgencyLevel.valueOf(level);
                overrides.put(kv[0].trim(), MonthDay.parse("--" + kv[1].trim()));
            }
        }
        return new Deadlines(overrides);
    }

    /**
     * The override for {@code level} in the deepest place of {@code path} that one names: a county's
     * over its prefecture's over its province's. A place is a name or a 行政区划代码 ({@code TOWN@河北省},
     * {@code TOWN@河北}, {@code TOWN@13}), matched as {@link RegionPath#within} does, never as a substring.
     */
    private MonthDay placed(AgencyLevel level, RegionPath path) {
        MonthDay best = null;
        int depth = -1;
        for (Map.Entry<String, MonthDay> e : overrides.entrySet()) {
            int at = e.getKey().indexOf('@');
            if (at < 0 || !e.getKey().substring(0, at).equals(level.name())) {
                continue;
            }
            var place = path.placeNamed(e.getKey().substring(at + 1));
            if (place.isPresent() && place.get().level().ordinal() > depth) {
                depth = place.get().level().ordinal();
                best = e.getValue();
            }
        }
        return best;
    }

    /** The last day on which the report on {@code year} is on time. */
    public Optional<LocalDate> deadline(AgencyLevel level, int year, Region region) {
        MonthDay day = placed(level, RegionPath.of(region));
        if (day == null) {
            day = overrides.get(level.name());
        }
        if (day == null) {
            day = year >= 2019 && level == AgencyLevel.DEPARTMENT ? END_OF_JANUARY : END_OF_MARCH;
        }
        return Optional.of(day.atYear(year + 1));
    }
}
