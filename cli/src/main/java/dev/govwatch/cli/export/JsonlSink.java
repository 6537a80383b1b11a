package dev.govwatch.cli.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/** One JSON object per line, every column present (null where empty), whole numbers as integers. */
final class JsonlSink extends TextSink {

    private static final ObjectMapper JSON = new ObjectMapper();

    JsonlSink(List<Column> columns, Path file, OutputStream stdout) throws IOException {
        super(columns, file, stdout);
    }

    @Override
    public void write(Map<String, Object> row) throws IOException {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (Column c : columns) {
            ordered.put(c.name(), plain(row.get(c.name())));
        }
        out.write(JSON.writeValueAsString(ordered));
        out.write('\n');
    }
}
