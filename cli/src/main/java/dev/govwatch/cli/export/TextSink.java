package dev.govwatch.cli.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A sink that writes UTF-8 text to a file it owns, or to standard output, which it only flushes. */
abstract class TextSink implements RowSink {

    protected final List<Column> columns;
    protected final Writer out;
    private final boolean ownsStream;

    TextSink(List<Column> columns, Path file, OutputStream stdout) throws IOException {
        this.columns = columns;
        this.ownsStream = file != null;
        this.out = new BufferedWriter(new OutputStreamWriter(file != null ? Files.newOutputStream(file) : stdout, StandardCharsets.UTF_8));
    }

    /** Whole numbers without a decimal point, as people and spreadsheets expect counts. */
    static Object plain(Object value) {
        return value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) d.longValue() : value;
    }

    @Override
    public void close() throws IOException {
        if (ownsStream) {
            out.close();
        } else {
            out.flush();
        }
    }
}
