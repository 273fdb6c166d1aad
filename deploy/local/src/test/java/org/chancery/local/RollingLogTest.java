package org.chancery.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollingLogTest {

    @Test
    void aLogPastItsLimitRollsOverKeepingOnlyTheNewestFilesAndWholeLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("embassy.log");
        List<String> written = new ArrayList<>();
        try (RollingLog log = new RollingLog(file, 100, 2)) {
            for (int i = 0; i < 40; i++) {
                String line = "line " + i + " of the embassy's log";
                log.line(line);
                written.add(line);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("embassy.log", "embassy.log.1", "embassy.log.2"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        List<String> kept = new ArrayList<>();
        for (String name : List.of("embassy.log.2", "embassy.log.1", "embassy.log")) {
            Path part = dir.resolve(name);
            assertTrue(Files.size(part) <= 100, name + " has " + Files.size(part) + " bytes");
            kept.addAll(Files.readAllLines(part));
        }
        // The newest lines, in order, none cut: what was dropped is the oldest.
        assertEquals(written.subList(written.size() - kept.size(), written.size()), kept);
        assertFalse(kept.contains(written.get(0)));
    }

    @Test
    void aRestartAppendsToTheLogItFound(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("audit.log");
        try (RollingLog log = new RollingLog(file, 1000, 3)) {
            log.line("before the restart");
        }
        try (RollingLog log = new RollingLog(file, 1000, 3)) {
            log.line("after it");
        }
        assertEquals(List.of("before the restart", "after it"), Files.readAllLines(file));
    }
}
