package dev.govwatch.schemas.template;

/**
 * A row a statistics table is expected to have.
 *
 * @param key      canonical key, e.g. {@code apps.withheld.stateSecret}
 * @param label    the official label, as a county office reads it
 * @param cue      regular expression found in the printed label (normalized, numbering removed): the
 *                 label's distinctive part, so that local variants and garbled PDF labels still match
 * @param parent   key of the group row it belongs to, or null
 * @param after    when set, the row only counts right after a row whose key starts with it (for
 *                 labels as generic as 其他 or 总计)
 * @param required whether a report on this template must print it (group subtotals are optional)
 */
public record TemplateRow(String key, String label, String cue, String parent, String after, boolean required) {

    static TemplateRow row(String key, String label, String cue) {
        return new TemplateRow(key, label, cue, null, null, true);
    }

    static TemplateRow optional(String key, String label, String cue) {
        return new TemplateRow(key, label, cue, null, null, false);
    }

    static TemplateRow child(String key, String label, String cue, String parent) {
        return new TemplateRow(key, label, cue, parent, null, true);
    }

    TemplateRow after(String keyPrefix) {
        return new TemplateRow(key, label, cue, parent, keyPrefix, required);
    }
}
