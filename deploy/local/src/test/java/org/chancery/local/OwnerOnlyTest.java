package org.chancery.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret files: owner-only from their creation, and whole or as they were. */
class OwnerOnlyTest {

    @Test
    void aWriteCutShortLeavesTheFileAsItWas(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("store.password");
        OwnerOnly.write(file, "kept\n");

        IOException killed = assertThrows(IOException.class, () -> OwnerOnly.write(file, out -> {
            out.write("half of a new".getBytes(StandardCharsets.US_ASCII));
            throw new IOException("the launcher was stopped");
        }));

        assertEquals("the launcher was stopped", killed.getMessage());
        assertEquals("kept\n", Files.readString(file));
        try (var left = Files.list(folder)) {
            assertEquals(List.of(file), left.toList(), "no part left behind");
        }
    }

    @Test
    void aFileIsReadableByItsOwnerOnlyAndReplacedWhole(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("USA.jwt");
        OwnerOnly.write(file, "first\n");
        OwnerOnly.write(file, "second\n");

        assertEquals("second\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
