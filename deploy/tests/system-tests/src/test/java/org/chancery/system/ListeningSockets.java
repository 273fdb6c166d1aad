package org.chancery.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The addresses this machine listens on for a TCP port, as the kernel lists them in
 * {@code /proc/net/tcp} and {@code tcp6} (Linux, where the tests run): what {@code ss -ltn} shows.
 */
final class ListeningSockets {

    /** 127.0.0.1, ::1 and 127.0.0.1 mapped into IPv6, as the kernel writes them. */
    static final Set<String> LOOPBACK = Set.of("0100007F", "00000000000000000000000001000000",
            "0000000000000000FFFF00000100007F");

    private ListeningSockets() {
    }

    /** The local addresses (kernel hex) with a socket listening on {@code port}. */
    static List<String> addresses(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                // State 0A is LISTEN.
                if (local[1].equals(hexPort) && fields[3].equals("0A")) {
                    addresses.add(local[0]);
                }
            }
        }
        return addresses;
    }
}
