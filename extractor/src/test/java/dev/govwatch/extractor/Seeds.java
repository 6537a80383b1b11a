package dev.govwatch.extractor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** The real reports kept beside the project in ../shared/seeds; tests using them skip when absent. */
final class Seeds {

    private Seeds() {
    }

    static Path dir() {
        return Path.of(System.getProperty("govwatch.shared.dir", "../../shared")).resolve("seeds");
    }

    static String text(String prefix) {
        Path dir = dir();
        Assumptions.assumeTrue(Files.isDirectory(dir), "no seeds at " + dir.toAbsolutePath() + " (only in the workplace)");
        try (var files = Files.list(dir)) {
            Path seed = files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("seed " + prefix + " missing in " + dir));
            return Files.readString(seed, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
