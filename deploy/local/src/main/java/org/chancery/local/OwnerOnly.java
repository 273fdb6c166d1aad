package org.chancery.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

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

    /** A random secret (32 bytes, base64url) kept in {@code folder/name}, made on first use. */
    static String secret(Path folder, String name) throws IOException {
        Path file = folder(folder).resolve(name);
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            write(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }
}
