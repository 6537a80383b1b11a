package dev.govwatch.extractor.internal;

/**
 * One cell-sized piece of the report text: a cell of a delimited row ({@code |} or tab), or a whole
 * line when the table was flattened to one cell per line.
 *
 * @param text      the printed text, trimmed
 * @param line      index of the line it came from
 * @param delimited whether the line was a delimited row (then empty tokens are real blank cells)
 * @param lastOnLine whether it is the last token of its line
 */
public record Token(String text, int line, boolean delimited, boolean lastOnLine) {

    public String normalized() {
        return Text.normalize(text);
    }
}
