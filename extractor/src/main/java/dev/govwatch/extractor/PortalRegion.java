package dev.govwatch.extractor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.RegionPath;

/**
 * Where a report is, when both its portal's entry and its own text say: the portal's entry is the
 * truth (someone who knows the portal wrote it; a report's text names its region loosely, often
 * only the county, sometimes a neighbour's code copied from last year's template), and the text
 * only fills what the entry leaves blank. Where the two disagree the report carries a warning, so
 * that a wrong portal entry shows up instead of silently moving reports. The 行政区划代码 is the one
 * exception to filling blanks: an entry that names its place without a code keeps the place keyed by
 * name, never by a code the text prints (see {@link #of}).
 *
 * @param region   the region the report is put in
 * @param warnings the disagreements, in words for the report's warnings
 */
public record PortalRegion(Region region, List<String> warnings) {

    /** {@code portal} (may be null: a page from no known portal) over {@code text}. */
    public static PortalRegion of(Region portal, Region text) {
        if (portal == null) {
            return new PortalRegion(text, List.of());
        }
        Region t = text == null ? new Region() : text;
        List<String> warnings = new ArrayList<>();
        Region merged = Region.newBuilder()
                .setProvince(pick("省", portal, t, Region::getProvince, warnings))
                .setPrefecture(pick("市", portal, t, Region::getPrefecture, warnings))
                .setCounty(pick("县", portal, t, Region::getCounty, warnings))
                .build();
        boolean portalNamesAPlace = blankToNull(portal.getProvince()) != null || blankToNull(portal.getPrefecture()) != null
                || blankToNull(portal.getCounty()) != null;
        if (blankToNull(portal.getCode()) == null && portalNamesAPlace) {
            // A code names a whole path, and the portal's names are the truth: a code from the text beside them
            // cannot be checked against them, and would file one portal's reports under two keys (by code where
            // the text printed one, by name where it did not). The path is keyed by the portal's names.
            String textCode = blankToNull(t.getCode());
            if (textCode != null && !warnings.isEmpty()) {
                warnings.add("地区代码：报告正文的 " + textCode + " 与门户登记的地名不符，未采用");
            }
            merged.setCode(null);
        } else {
            merged.setCode(pick("代码", portal, t, Region::getCode, warnings));
        }
        return new PortalRegion(merged, List.copyOf(warnings));
    }

    private static String pick(String what, Region portal, Region text, Function<Region, String> field, List<String> warnings) {
        String p = blankToNull(field.apply(portal));
        String t = blankToNull(field.apply(text));
        if (p == null) {
            return t;
        }
        if (t != null && !same(p, t)) {
            warnings.add("地区" + what + "：门户登记为 " + p + "，报告正文为 " + t + "，以门户为准");
        }
        return p;
    }

    /** 山东省 and 山东 are one place; codes must be equal. */
    private static boolean same(String a, String b) {
        return Objects.equals(a, b) || RegionPath.bare(a).equals(RegionPath.bare(b));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
