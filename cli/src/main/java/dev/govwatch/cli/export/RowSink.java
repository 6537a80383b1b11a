package dev.govwatch.cli.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Where export rows go, in one of the formats researchers read. */
public interface RowSink extends AutoCloseable {

    /** Writes one row: a value (or null) for each of the sink's columns, by name. */
    void write(Map<String, Object> row) throws IOException;

    @Override
    void close() throws IOException;

    /** The formats, as {@code --format} names them. */
    List<String> FORMATS = List.of("csv", "jsonl", "parquet");

    /**
     * A sink of {@code format} with {@code columns}: to {@code file}, or (csv and jsonl only, null
     * file) to {@code stdout}, which is left open.
     *
     * @throws IllegalArgumentException for an unknown format, or parquet without a file
     */
    static RowSink open(String format, List<Column> columns, Path file, OutputStream stdout) throws IOException {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> new CsvSink(columns, file, stdout);
            case "jsonl" -> new JsonlSink(columns, file, stdout);
            case "parquet" -> {
                if (file == null) {
                    throw new IllegalArgumentException("parquet needs a file: give --out FILE.parquet");
                }
                yield new ParquetSink(columns, file);
            }
            default -> throw new IllegalArgumentException("--format is one of " + FORMATS + ", not '" + format + "'");
        };
    }
}
