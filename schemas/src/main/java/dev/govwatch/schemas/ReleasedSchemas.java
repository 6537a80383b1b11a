package dev.govwatch.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The value schemas as released, kept in the repository under {@code schemas/released/<Record>/<n>.avsc}.
 *
 * <p>A released schema may have written records that still sit in a compacted topic, so the
 * current schema must read all of them: BACKWARD compatibility with every released version,
 * checked with Avro's own {@link SchemaCompatibility}.
 */
public final class ReleasedSchemas {

    private final Path root;

    public ReleasedSchemas(Path root) {
        this.root = root;
    }

    /** Released versions of one record, oldest first. */
    public List<Schema> versions(String recordName) {
        Path dir = root.resolve(recordName);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.filter(p -> p.getFileName().toString().endsWith(".avsc"))
                    .sorted(Comparator.comparingInt(ReleasedSchemas::versionNumber))
                    .toList();
            List<Schema> schemas = new ArrayList<>();
            for (Path file : sorted) {
                schemas.add(new Schema.Parser().parse(Files.readString(file, StandardCharsets.UTF_8)));
            }
            return schemas;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read released schemas in " + dir, e);
        }
    }

    /**
     * Why {@code current} cannot read data written with {@code released}, or an empty list if it can.
     */
    public static List<String> backwardIncompatibilities(Schema current, Schema released) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(current, released);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        return result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                .toList();
    }

    /**
     * Writes {@code schema} as the next released version of its record unless it equals the latest,
     * and returns the file written (or the existing one).
     */
    public Path release(Schema schema) {
        List<Schema> existing = versions(schema.getName());
        Path dir = root.resolve(schema.getName());
        if (!existing.isEmpty() && existing.get(existing.size() - 1).equals(schema)) {
            return dir.resolve(existing.size() + ".avsc");
        }
        Path file = dir.resolve((existing.size() + 1) + ".avsc");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, schema.toString(true) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** Snapshots the value schema of every topic; run at release time. */
    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : "schemas/released");
        ReleasedSchemas released = new ReleasedSchemas(root);
        for (Topic<?> topic : Topics.ALL) {
            System.out.println(topic.name() + " -> " + released.release(topic.valueSchema()));
        }
    }

    private static int versionNumber(Path file) {
        String name = file.getFileName().toString();
        try {
            return Integer.parseInt(name.substring(0, name.length() - ".avsc".length()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("released schema files are named <n>.avsc: " + file, e);
        }
    }
}
