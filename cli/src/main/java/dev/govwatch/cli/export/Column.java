package dev.govwatch.cli.export;

/**
 * One column of an export: its stable name, its type, and what a person calls it.
 *
 * @param name  the column's name, stable across releases (researchers' scripts depend on it)
 * @param type  what its values are
 * @param label the column as a county office names it (表三（一）予以公开 总计), or a short description
 */
public record Column(String name, Type type, String label) {

    /** Value types, one per Parquet/CSV/JSON rendering. */
    public enum Type { STRING, LONG, DOUBLE }
}
