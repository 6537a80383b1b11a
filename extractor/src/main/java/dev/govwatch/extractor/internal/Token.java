package dev.govwatch.extractor.internal;

/**
 * One cell-sized piece of the report text: a cell of a delimited row ({@code |} or tab), or a whole
 * line when the table was flattened to one cell per line.
 *
 * @param text       the printed text, trimmed
 * @param normalized {@link Text#normalize} of the text, computed once
 * @param line       index of the line it came from
 * @param delimited  whether the line was a delimited row (then empty tokens are real blank cells)
 * @param lastOnLine whether it is the last token of its line
 * @param cellLike   whether it could be a table cell (number, blank or not-applicable mark)
 */
public record Token(String text, String normalized, int line, boolean delimited, boolean lastOnLine,
                    boolean cellLike) {

    public Token(String text, int line, boolean delimited, boolean lastOnLine) {
        this(text, Text.normalize(text), line, delimited, lastOnLine);
    }

    public Token(String text, String normalized, int line, boolean delimited, boolean lastOnLine) {
        this(text, normalized, line, delimited, lastOnLine, CellValue.isCellLike(text));
    }
}
