package dev.govwatch.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScratchDirectoryTest {

    private Path kept;

    @AfterEach
    void cleanUp() throws Exception {
        System.clearProperty(ScratchDirectory.KEEP_PROPERTY);
        if (kept != null) {
            new ScratchDirectory(kept, false).close();
        }
    }

    @Test
    void closingDeletesTheDirectoryAndEverythingInIt() throws Exception {
        Path dir;
        try (ScratchDirectory scratch = ScratchDirectory.create("govwatch-scratch-test")) {
            dir = scratch.path();
            Files.createDirectories(dir.resolve("stack/kafka/log/govwatch.pages-0"));
            Files.writeString(dir.resolve("stack/kafka/log/govwatch.pages-0/00000000000000000000.log"), "records");
            Files.writeString(dir.resolve("top.txt"), "x");
            assertTrue(Files.isDirectory(dir));
        }
        assertFalse(Files.exists(dir), "the directory is gone after the run");
    }

    @Test
    void keptWhenThePropertySaysSo() throws Exception {
        System.setProperty(ScratchDirectory.KEEP_PROPERTY, "true");
        try (ScratchDirectory scratch = ScratchDirectory.create("govwatch-scratch-test")) {
            kept = scratch.path();
            Files.writeString(kept.resolve("broker.log"), "x");
        }
        assertTrue(Files.exists(kept.resolve("broker.log")), "kept, contents and all");
    }
}
