package dev.govwatch.cli.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/** One JSON object per line, every column present (null where empty), whole numbers as integers. */
final class JsonlSink implements RowSink {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Column> columns;
    private final Writer out;
    private final boolean ownsStream;

    JsonlSink(List<Column> columns, Path file, OutputStream stdout) throws IOException {
        this.columns = columns;
        this.ownsStream = file != null;
        this.out = new BufferedWriter(new OutputStreamWriter(file != null ? Files.newOutputStream(file) : stdout, StandardCharsets.UTF_8));
    }

    @Override
    public void write(Map<String, Object> row) throws IOException {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (Column c : columns) {
            Object v = row.get(c.name());
            ordered.put(c.name(), v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) d.longValue() : v);
        }
        out.write(JSON.writeValueAsString(ordered));
        out.write('\n');
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
