package org.chancery.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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

    /** Writes {@code text} to a file created {@code rw-------}, as {@link #write(Path, Contents)} does. */
    static void write(Path file, String text) throws IOException {
        write(file, out -> out.write(text.getBytes(StandardCharsets.US_ASCII)));
    }

    /** What a file is written with. */
    interface Contents {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes a file created {@code rw-------}, never readable by others, not even briefly. It is
     * written beside, on disk, then moved into place at once: a launcher killed while writing leaves
     * the file as it was (or absent), never cut short, and an absent file is made again at the next
     * start where a file cut short would stay unreadable.
     */
    static void write(Path file, Contents contents) throws IOException {
        Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".partial",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                contents.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
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
