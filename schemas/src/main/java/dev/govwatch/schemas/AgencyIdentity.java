package dev.govwatch.schemas;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One agency's canonical name, so that the names it goes by (示范县, 示范县政府, 示范县人民政府; 某镇 and
 * 某镇人民政府; 某街道 and 某街道办事处; 县政府 on its own county's portal) meet as one: a report is matched to
 * its portal's expected agency by this identity, never by the printed string. Offices (办公室,
 * 办公厅) and departments keep their own identity: they report for themselves.
 */
public final class AgencyIdentity {

    private static final Pattern GOVERNMENT = Pattern.compile(
            "^(.{1,20}?(?:省|自治区|市|州|盟|地区|县|区|旗))(?:人民政府|政府)?$");
    /** Places that are not governments: zones have management committees, not 人民政府. */
    private static final Pattern NOT_A_GOVERNMENT = Pattern.compile("(开发区|园区|风景区|景区|保护区|示范区|试验区|合作区)$");
    private static final Pattern TOWN = Pattern.compile("^(.{1,20}?(?:镇|乡))(?:人民政府|政府)?$");
    private static final Pattern STREET = Pattern.compile("^(.{1,20}?街道)(?:办事处)?$");
    /** A government named without its place ("县政府", "本区人民政府"): the portal's region says which. */
    private static final Pattern UNNAMED_GOVERNMENT = Pattern.compile("^(?:本|我)?(县|区|市|旗)(?:人民政府|政府)$");

    private AgencyIdentity() {
    }

    /** The canonical name; {@code region} places a government named without its place (may be null). */
    public static String canonical(String name, Region region) {
        if (name == null) {
            return null;
        }
        String n = name.replaceAll("[\\s\\u3000\\u00a0]", "").replace('(', '（').replace(')', '）');
        Matcher unnamed = UNNAMED_GOVERNMENT.matcher(n);
        if (unnamed.matches() && region != null) {
            String place = unnamed.group(1).equals("市") ? region.getPrefecture() : region.getCounty();
            if (place != null && place.endsWith(unnamed.group(1))) {
                return place + "人民政府";
            }
        }
        Matcher street = STREET.matcher(n);
        if (street.matches()) {
            return street.group(1) + "办事处";
        }
        Matcher town = TOWN.matcher(n);
        if (town.matches()) {
            return town.group(1) + "人民政府";
        }
        Matcher government = GOVERNMENT.matcher(n);
        if (government.matches() && !NOT_A_GOVERNMENT.matcher(government.group(1)).find()) {
            return government.group(1) + "人民政府";
        }
        return n;
    }
}
