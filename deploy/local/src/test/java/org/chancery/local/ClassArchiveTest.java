package org.chancery.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A piece's class archive is kept only while the JVM can use it, and the JVM is told where to write one. */
class ClassArchiveTest {

    private static final byte[] ARCHIVE = {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0, 1, 2, 3};

    @TempDir
    Path home;
    @TempDir
    Path build;
    private Path launcher;
    private Path archive;

    @BeforeEach
    void aBuiltLauncher() throws Exception {
        launcher = Files.writeString(build.resolve("chancery-local.jar"), "jar");
        Files.createDirectories(build.resolve("lib"));
        Files.writeString(build.resolve("lib/kafka.jar"), "jar");
        Files.setLastModifiedTime(launcher, at("2026-12-01T00:00:00Z"));
        Files.setLastModifiedTime(build.resolve("lib/kafka.jar"), at("2026-12-01T00:00:00Z"));
        List<String> options = Pieces.classArchive(home, "kafka", launcher);
        archive = Path.of(options.get(1).substring("-XX:SharedArchiveFile=".length()));
    }

    @Test
    void theJvmWritesTheArchiveWhenThereIsNone() {
        assertEquals("-XX:+AutoCreateSharedArchive", Pieces.classArchive(home, "kafka", launcher).get(0));
        assertTrue(archive.startsWith(home.resolve("cds/kafka")), archive.toString());
        assertTrue(Files.isDirectory(archive.getParent()));
    }

    @Test
    void anArchiveMadeAfterTheBuildIsKept() throws Exception {
        made("2026-12-02T00:00:00Z");
        Pieces.classArchive(home, "kafka", launcher);
        assertTrue(Files.exists(archive));
    }

    @Test
    void anArchiveMadeBeforeALibraryChangedIsRemoved() throws Exception {
        made("2026-12-02T00:00:00Z");
        Files.setLastModifiedTime(build.resolve("lib/kafka.jar"), at("2026-12-03T00:00:00Z"));
        Pieces.classArchive(home, "kafka", launcher);
        assertFalse(Files.exists(archive));
    }

    @Test
    void aFileThatIsNoArchiveIsRemoved() throws Exception {
        Files.write(archive, new byte[] {0, 0, 0, 0, 1, 2, 3});
        Files.setLastModifiedTime(archive, at("2026-12-02T00:00:00Z"));
        Pieces.classArchive(home, "kafka", launcher);
        assertFalse(Files.exists(archive));
    }

    @Test
    void anotherJdksArchiveIsRemoved() throws Exception {
        Path other = Files.write(archive.resolveSibling("21.0.1_12.jsa"), ARCHIVE);
        Files.setLastModifiedTime(other, at("2026-12-02T00:00:00Z"));
        Pieces.classArchive(home, "kafka", launcher);
        assertFalse(Files.exists(other));
    }

    private void made(String when) throws Exception {
        Files.write(archive, ARCHIVE);
        Files.setLastModifiedTime(archive, at(when));
    }

    private static FileTime at(String instant) {
        return FileTime.from(Instant.parse(instant));
    }
}
