package org.chancery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code docs/benchmarks.md}: each benchmark owns a section between its markers and rewrites only
 * that section, so that the figures of one run never overwrite another benchmark's.
 */
final class Report {

    private Report() {
    }

    static void replaceSection(Path file, String name, String body) throws IOException {
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n";
        String section = start + "\n" + body.strip() + "\n" + end;
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        text = from >= 0 && to > from
                ? text.substring(0, from) + section + text.substring(to + end.length())
                : text.stripTrailing() + "\n\n" + section + "\n";
        Files.writeString(file, text);
    }
}
