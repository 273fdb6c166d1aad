package org.chancery.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Folders and files that hold secrets (private keys, access tokens): readable by their owner
 * only, whatever the umask, and put right if an earlier run left them open.
 */
final class OwnerOnly {

    private OwnerOnly() {
    }

    /** The folder, made if missing, with {@code rwx------}. */
    static Path folder(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        return folder;
    }

    /** Writes {@code text} to a file created {@code rw-------}: it is never readable by others, not even briefly. */
    static void write(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}
