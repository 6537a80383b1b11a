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
import java.util.Map;

/**
 * RFC 4180 CSV in UTF-8 with a byte-order mark, so that Excel (what most evaluators open a CSV with)
 * shows the Chinese right; a header row of the column names; empty for null; whole numbers without
 * a decimal point.
 */
final class CsvSink implements RowSink {

    private final List<Column> columns;
    private final Writer out;
    private final boolean ownsStream;

    CsvSink(List<Column> columns, Path file, OutputStream stdout) throws IOException {
        this.columns = columns;
        this.ownsStream = file != null;
        OutputStream stream = file != null ? Files.newOutputStream(file) : stdout;
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        if (file != null) {
            out.write('\uFEFF');
        }
        StringBuilder header = new StringBuilder();
        for (Column c : columns) {
            header.append(header.isEmpty() ? "" : ",").append(c.name());
        }
        out.write(header.append("\r\n").toString());
    }

    @Override
    public void write(Map<String, Object> row) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(row.get(columns.get(i).name())));
        }
        out.write(line.append("\r\n").toString());
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String s = value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : value.toString();
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
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
