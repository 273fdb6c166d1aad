package org.chancery.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The Amazon Corretto Crypto Provider's native library (AWS-LC), taken out of its jar once per home
 * and loaded by every service from there. Left to itself, each service JVM copies the 9.6 MB
 * library out of the signed jar (checking the jar's signature over every byte) into a temporary
 * folder of its own at every start, ~140 ms of CPU each, and maps a private copy; from one file the
 * services share its pages. A service whose libraries hold no such jar (another platform's build),
 * or whose library cannot be taken out, is started as before and copies it itself.
 */
final class NativeCryptoLibrary {

    private static final String JAR_PREFIX = "AmazonCorrettoCryptoProvider-";
    private static final String LIBRARY = "libamazonCorrettoCryptoProvider.so";
    private static final String ENTRY = "com/amazon/corretto/crypto/provider/" + LIBRARY;

    private final Path home;
    private final PrintStream console;
    /** The JVM options for each provider jar met, by the jar's name (its version and platform). */
    private final Map<String, List<String>> options = new ConcurrentHashMap<>();

    NativeCryptoLibrary(Path home, PrintStream console) {
        this.home = home;
        this.console = console;
    }

    /**
     * The options that make a JVM whose libraries are in {@code libraries} load the provider's
     * library from this home: the one its own jar holds, so that the versions always match (the
     * provider then loads that file or nothing: it no longer falls back to its jar).
     */
    List<String> jvmOptions(Path libraries) {
        return providerJar(libraries).map(jar -> options.computeIfAbsent(jar.getFileName().toString(),
                name -> extracted(jar, home.resolve("native").resolve(name.replaceFirst("\\.jar$", ""))))).orElse(List.of());
    }

    private static Optional<Path> providerJar(Path libraries) {
        if (!Files.isDirectory(libraries)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(libraries)) {
            return files.filter(f -> f.getFileName().toString().contains(JAR_PREFIX) && f.toString().endsWith(".jar"))
                    .sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private List<String> extracted(Path jar, Path folder) {
        try {
            Path library = folder.resolve(LIBRARY);
            try (JarFile file = new JarFile(jar.toFile())) {
                JarEntry entry = file.getJarEntry(ENTRY);
                if (entry == null) {
                    return List.of();
                }
                // Written whole or not at all; one of another size is not this jar's.
                if (!Files.exists(library) || Files.size(library) != entry.getSize()) {
                    OwnerOnly.folder(folder);
                    OwnerOnly.write(library, out -> {
                        try (InputStream in = file.getInputStream(entry)) {
                            in.transferTo(out);
                        }
                    });
                }
            }
            String systemPath = System.getProperty("java.library.path", "");
            return List.of("-Dcom.amazon.corretto.crypto.provider.useExternalLib=true",
                    "-Djava.library.path=" + folder.toAbsolutePath()
                            + (systemPath.isBlank() ? "" : File.pathSeparator + systemPath));
        } catch (IOException | RuntimeException e) {
            console.println("The services copy the native cryptography library themselves: it could not be taken"
                    + " out of " + jar + " (" + e + ")");
            return List.of();
        }
    }
}
