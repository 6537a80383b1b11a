package dev.govwatch.extractor.internal;

import java.util.List;
import java.util.Map;

import dev.govwatch.schemas.ReadMethod;

/**
 * A page reduced to what extraction reads: the text of its main content as lines (tables as
 * {@code |}-separated rows) and the metadata the portal published beside it. A table row read from
 * markup (an HTML or DOCX table) also keeps its cells as the grid gave them, one per grid column,
 * so that the table reader never splits the joined text again (a cell may itself hold a {@code |}).
 *
 * <p>Most of a report is prose that no reader needs in normal form, so lines are normalized on
 * first use only and the result is kept.
 */
public final class ReportDocument {

    private final List<String> lines;
    private final List<List<String>> cells;
    private final String[] normalized;
    private final String headerText;
    private final Map<String, String> meta;
    private final ReadMethod readBy;
    private final List<ImageAt> images;
    private final List<String> notes;

    /**
     * An image of the article, and where it stands among the lines.
     *
     * @param line the index of the line it precedes (the number of lines before it)
     * @param url  its absolute URL
     */
    public record ImageAt(int line, String url) {
    }

    /**
     * @param lines      main content, one line per paragraph or table row
     * @param headerText text around the content (breadcrumbs, 索引号/发布机构/发文日期 block)
     * @param meta       {@code <meta name=…>} values by lower-case name, plus "html-title"
     */
    public ReportDocument(List<String> lines, String headerText, Map<String, String> meta) {
        this(lines, java.util.Collections.nCopies(lines.size(), null), headerText, meta);
    }

    /**
     * @param cells per line, the grid cells of a table row read from markup, else null; as many
     *              entries as lines
     */
    public ReportDocument(List<String> lines, List<List<String>> cells, String headerText, Map<String, String> meta) {
        this(lines, cells, headerText, meta, ReadMethod.UNKNOWN);
    }

    /** @param readBy how the text was obtained (markup, a PDF's text layer, OCR …) */
    public ReportDocument(List<String> lines, List<List<String>> cells, String headerText, Map<String, String> meta,
                          ReadMethod readBy) {
        this(lines, cells, headerText, meta, readBy, List.of());
    }

    /** @param images the article's images, where they stand among the lines */
    public ReportDocument(List<String> lines, List<List<String>> cells, String headerText, Map<String, String> meta,
                          ReadMethod readBy, List<ImageAt> images) {
        this(lines, cells, headerText, meta, readBy, images, List.of());
    }

    private ReportDocument(List<String> lines, List<List<String>> cells, String headerText, Map<String, String> meta,
                           ReadMethod readBy, List<ImageAt> images, List<String> notes) {
        if (cells.size() != lines.size()) {
            throw new IllegalArgumentException(cells.size() + " cell rows for " + lines.size() + " lines");
        }
        this.lines = List.copyOf(lines);
        this.cells = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(cells));
        this.normalized = new String[this.lines.size()];
        this.headerText = headerText;
        this.meta = Map.copyOf(meta);
        this.readBy = readBy;
        this.images = List.copyOf(images);
        this.notes = List.copyOf(notes);
    }

    /** The same document with notes on what reading it changed (columns put in the template's order). */
    public ReportDocument withNotes(List<String> notes) {
        return new ReportDocument(lines, cells, headerText, meta, readBy, images, notes);
    }

    /** What reading the markup changed, for the report's warnings; empty for most documents. */
    public List<String> notes() {
        return notes;
    }

    public static ReportDocument ofText(String text) {
        List<String> lines = text.lines().toList();
        String header = String.join("\n", lines.subList(0, Math.min(lines.size(), 15)));
        return new ReportDocument(lines, java.util.Collections.nCopies(lines.size(), null), header, Map.of(), ReadMethod.TEXT);
    }

    /** The article's images, in page order. */
    public List<ImageAt> images() {
        return images;
    }

    /** How the text was obtained. */
    public ReadMethod readBy() {
        return readBy;
    }

    public List<String> lines() {
        return lines;
    }

    /** The grid cells of line {@code i} when it is a table row read from markup, else null. */
    public List<String> cells(int i) {
        return cells.get(i);
    }

    /** {@link Text#normalize} of line {@code i}. Not thread-safe: one document is read by one thread. */
    public String normalized(int i) {
        String n = normalized[i];
        if (n == null) {
            n = Text.normalize(lines.get(i));
            normalized[i] = n;
        }
        return n;
    }

    public String headerText() {
        return headerText;
    }

    public Map<String, String> meta() {
        return meta;
    }
}
