package dev.govwatch.cli.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Parquet through parquet-avro: the columns become a flat Avro record (every field nullable: an
 * unread cell is null, never 0), written with Snappy compression, which DuckDB, pandas/pyarrow and
 * Spark all read. Column labels go into the fields' docs, so a reader of the schema sees 表三（一）予以公开 总计.
 */
final class ParquetSink implements RowSink {

    private final List<Column> columns;
    private final Schema schema;
    private final ParquetWriter<GenericRecord> writer;

    ParquetSink(List<Column> columns, Path file) throws IOException {
        this.columns = columns;
        this.schema = schema(columns);
        Files.deleteIfExists(file);
        this.writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(schema)
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    static Schema schema(List<Column> columns) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("GovwatchExport").namespace("dev.govwatch.export").fields();
        for (Column c : columns) {
            SchemaBuilder.FieldBuilder<Schema> field = fields.name(c.name()).doc(c.label());
            fields = switch (c.type()) {
                case STRING -> field.type().optional().stringType();
                case LONG -> field.type().optional().longType();
                case DOUBLE -> field.type().optional().doubleType();
            };
        }
        return fields.endRecord();
    }

    @Override
    public void write(Map<String, Object> row) throws IOException {
        GenericRecord record = new GenericData.Record(schema);
        for (Column c : columns) {
            Object v = row.get(c.name());
            record.put(c.name(), v == null ? null : switch (c.type()) {
                case STRING -> v.toString();
                case LONG -> ((Number) v).longValue();
                case DOUBLE -> ((Number) v).doubleValue();
            });
        }
        writer.write(record);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
