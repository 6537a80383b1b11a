package dev.govwatch.extractor.internal;

import java.util.regex.Pattern;

/**
 * A row a statistics table is expected to have: its canonical key, its official label, and the
 * distinctive part of the label that identifies it however the report prints it.
 *
 * @param key          canonical key, e.g. {@code apps.withheld.stateSecret}
 * @param label        the official label
 * @param pattern      matched (find) against the normalized label without its numbering
 * @param afterKeyPrefix when set, the row only counts right after a row whose key starts with it
 *                       (for labels as generic as "其他" or "总计")
 * @param group        whether the template gives the row children, whose sum its figures are (a
 *                     group label printed alone heads its children; it is not a row of blanks)
 */
public record RowSpec(String key, String label, Pattern pattern, String afterKeyPrefix, boolean group) {

    public static RowSpec of(String key, String label, String regex) {
        return new RowSpec(key, label, Pattern.compile(regex), null, false);
    }

    public static RowSpec after(String key, String label, String regex, String afterKeyPrefix) {
        return new RowSpec(key, label, Pattern.compile(regex), afterKeyPrefix, false);
    }

    /** The same spec, marked as a group row. */
    public RowSpec asGroup() {
        return new RowSpec(key, label, pattern, afterKeyPrefix, true);
    }

    boolean matches(String labelWithoutNumbering, String previousKey) {
        if (!pattern.matcher(labelWithoutNumbering).find()) {
            return false;
        }
        return afterKeyPrefix == null || (previousKey != null && previousKey.startsWith(afterKeyPrefix));
    }
}
