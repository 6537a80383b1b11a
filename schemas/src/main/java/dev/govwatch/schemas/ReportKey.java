package dev.govwatch.schemas;

/**
 * Which report a record is about: the agency's canonical identity ({@link AgencyIdentity}) and the
 * report year, written {@code agency|year}. The same report always gets the same key, whatever
 * name variant its text prints and whether or not the text gave its region code, so that alert ids
 * derived from it (and the decisions people attach to them) survive a re-extraction.
 *
 * <p>Keys written before this form ({@code [code|]agency|year}, the agency as printed) are read by
 * {@link #parse}, which drops the code and canonicalizes the name: the validator moves alerts
 * raised under such keys to the canonical ids (see {@link Alert#getFormerIds()}).
 *
 * @param agency canonical agency identity
 * @param year   report year, or null when unknown
 */
public record ReportKey(String agency, Integer year) {

    private static final String UNKNOWN_YEAR = "unknown-year";

    public ReportKey {
        if (agency == null || agency.isBlank()) {
            throw new IllegalArgumentException("a report key needs an agency");
        }
    }

    /** The key of a report by {@code agency} (as printed; {@code region} places a government named without its place). */
    public static ReportKey of(String agency, Region region, Integer year) {
        return new ReportKey(AgencyIdentity.canonical(agency, region), year);
    }

    /** Reads a key in the canonical form or in the form written before ({@code code|agency|year}). */
    public static ReportKey parse(String text) {
        int cut = text.lastIndexOf('|');
        String agency = cut < 0 ? text : text.substring(0, cut);
        String yearText = cut < 0 ? UNKNOWN_YEAR : text.substring(cut + 1);
        int code = agency.indexOf('|');
        if (code >= 0 && agency.substring(0, code).matches("\\d{6,12}")) {
            agency = agency.substring(code + 1);
        }
        // By hand, not String.matches: a key is parsed for every report the validator reads, and
        // matches compiles its pattern on every call.
        Integer year = isFourDigits(yearText) ? Integer.valueOf(yearText) : null;
        return new ReportKey(AgencyIdentity.canonical(agency, null), year);
    }

    private static boolean isFourDigits(String text) {
        if (text.length() != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return agency + "|" + (year == null ? UNKNOWN_YEAR : year.toString());
    }
}
