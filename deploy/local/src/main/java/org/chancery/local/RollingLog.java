package org.chancery.local;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A process's log that does not grow without bound: past {@code limitBytes} the file becomes
 * {@code <name>.1} (the older ones {@code .2} ... up to {@code kept}, the oldest dropped) and a new
 * one begins. Lines are never split between files.
 */
final class RollingLog implements Closeable {

    /** What a piece of {@code make run} keeps: four files of 10 MB at most. */
    static final long LIMIT_BYTES = 10L << 20;
    static final int KEPT = 3;

    private final Path file;
    private final long limitBytes;
    private final int kept;
    private Writer out;
    private long size;

    RollingLog(Path file, long limitBytes, int kept) throws IOException {
        this.file = file;
        this.limitBytes = limitBytes;
        this.kept = kept;
        open();
    }

    static RollingLog of(Path file) throws IOException {
        return new RollingLog(file, LIMIT_BYTES, KEPT);
    }

    /** Appends a line, starting a new file first if this one is full. */
    void line(String line) throws IOException {
        int bytes = line.getBytes(StandardCharsets.UTF_8).length + 1;
        if (size > 0 && size + bytes > limitBytes) {
            roll();
        }
        out.write(line);
        out.write('\n');
        out.flush();
        size += bytes;
    }

    private void roll() throws IOException {
        out.close();
        Files.deleteIfExists(older(kept));
        for (int i = kept - 1; i >= 1; i--) {
            if (Files.exists(older(i))) {
                Files.move(older(i), older(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (kept > 0) {
            Files.move(file, older(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
        open();
    }

    private Path older(int generation) {
        return file.resolveSibling(file.getFileName() + "." + generation);
    }

    private void open() throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
