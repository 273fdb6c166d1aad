package org.chancery.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A piece's class archive is named after the class path it was made from, kept while it is
 * an archive of that class path, and the JVM is told where to write one.
 */
class ClassArchiveTest {

    @TempDir
    Path home;
    @TempDir
    Path build;
    private Path launcher;
    private Path library;

    @BeforeEach
    void aBuiltLauncher() throws Exception {
        launcher = Files.writeString(build.resolve("chancery-local.jar"), "jar");
        library = Files.writeString(Files.createDirectories(build.resolve("lib")).resolve("kafka.jar"), "jar");
        Files.setLastModifiedTime(library, FileTime.from(Instant.parse("2026-12-01T00:00:00Z")));
    }

    @Test
    void theJvmIsToldWhereToWriteTheArchive() {
        List<String> options = Pieces.classArchive(home, "kafka", launcher);

        assertEquals("-XX:+AutoCreateSharedArchive", options.get(0));
        Path archive = archive(options);
        assertTrue(archive.startsWith(home.resolve("cds/kafka")), archive.toString());
        assertTrue(Files.isDirectory(archive.getParent()));
    }

    @Test
    void anArchiveOfTheSameClassPathIsKept() throws Exception {
        Path archive = made(Pieces.classArchive(home, "kafka", launcher));

        assertEquals(archive, archive(Pieces.classArchive(home, "kafka", launcher)));
        assertTrue(Files.exists(archive));
    }

    @Test
    void aBuildThatChangedALibraryTakesANewArchiveAndRemovesTheOld() throws Exception {
        Path before = made(Pieces.classArchive(home, "kafka", launcher));
        Files.setLastModifiedTime(library, FileTime.from(Instant.parse("2026-12-02T00:00:00Z")));

        Path after = archive(Pieces.classArchive(home, "kafka", launcher));

        assertNotEquals(before, after);
        assertFalse(Files.exists(before));
    }

    @Test
    void aFileCutShortBeforeItsHeaderIsRemoved() throws Exception {
        Path archive = archive(Pieces.classArchive(home, "kafka", launcher));
        Files.write(archive, new byte[] {0, 0, 0, 0, 1, 2, 3});

        Pieces.classArchive(home, "kafka", launcher);

        assertFalse(Files.exists(archive));
    }

    @Test
    void aFolderAmongTheArchivesIsLeftAlone() throws Exception {
        Path archive = made(Pieces.classArchive(home, "kafka", launcher));
        Files.createDirectories(archive.resolveSibling("notes"));

        assertEquals(archive, archive(Pieces.classArchive(home, "kafka", launcher)));
        assertTrue(Files.exists(archive));
    }

    @Test
    void noneForALauncherRunFromItsClassesFolder() throws Exception {
        Path classes = Files.createDirectories(build.resolve("classes"));

        assertEquals(List.of(), Pieces.classArchive(home, "kafka", classes));
    }

    private static Path archive(List<String> options) {
        return Path.of(options.get(1).substring("-XX:SharedArchiveFile=".length()));
    }

    /** What the JVM leaves at the archive's place when the piece stops. */
    private static Path made(List<String> options) throws Exception {
        Path archive = archive(options);
        byte[] header = new byte[16];
        System.arraycopy(Pieces.DYNAMIC_ARCHIVE_MAGIC, 0, header, 0, Pieces.DYNAMIC_ARCHIVE_MAGIC.length);
        return Files.write(archive, header);
    }
}
