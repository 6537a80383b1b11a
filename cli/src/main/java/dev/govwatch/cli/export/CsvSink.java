package dev.govwatch.cli.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV in UTF-8, with a byte-order mark in a file so that Excel (what most evaluators open a
 * CSV with) shows the Chinese right; a header row of the column names; empty for null; whole numbers
 * without a decimal point.
 */
final class CsvSink extends TextSink {

    CsvSink(List<Column> columns, Path file, OutputStream stdout) throws IOException {
        super(columns, file, stdout);
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
        String s = plain(value).toString();
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
