package org.chancery.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native provider's library, taken out of the service's own jar once per home, loads from there. */
class NativeCryptoLibraryTest {

    private static final String PROVIDER = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    @TempDir
    Path home;

    @TempDir
    Path libraries;

    Path jar;

    @BeforeEach
    void providerJar() throws Exception {
        Path built;
        try {
            built = Path.of(Class.forName(PROVIDER).getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException e) {
            built = null;
        }
        Assumptions.assumeTrue(built != null, "this platform's build has no native provider");
        jar = Files.copy(built, libraries.resolve(built.getFileName()));
    }

    @Test
    void theLibraryIsTakenOutOnceOwnerOnlyAndAJvmLoadsItFromThere() throws Exception {
        List<String> options = new NativeCryptoLibrary(home).jvmOptions(libraries);

        Path folder = home.resolve("native").resolve(jar.getFileName().toString().replaceFirst("\\.jar$", ""));
        Path library = folder.resolve("libamazonCorrettoCryptoProvider.so");
        try (JarFile file = new JarFile(jar.toFile());
                InputStream in = file.getInputStream(
                        file.getJarEntry("com/amazon/corretto/crypto/provider/libamazonCorrettoCryptoProvider.so"))) {
            assertArrayEquals(in.readAllBytes(), Files.readAllBytes(library));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(library)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        command.addAll(List.of("-cp", jar + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                LoadsTheProvider.class.getName()));
        Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jvm.waitFor(60, TimeUnit.SECONDS));
        assertTrue(said.contains("loaded from " + library.toAbsolutePath()), said);

        // Another start on the home takes nothing out again.
        FileTime written = Files.getLastModifiedTime(library);
        assertEquals(options, new NativeCryptoLibrary(home).jvmOptions(libraries));
        assertEquals(written, Files.getLastModifiedTime(library));
    }

    @Test
    void librariesWithoutTheProviderGiveNoOptions() throws Exception {
        Files.delete(jar);
        assertEquals(List.of(), new NativeCryptoLibrary(home).jvmOptions(libraries));
    }

    /** Loads the provider and says which file its library was mapped from. */
    public static final class LoadsTheProvider {
        public static void main(String[] args) throws Exception {
            Class<?> provider = Class.forName(PROVIDER);
            Object instance = provider.getField("INSTANCE").get(null);
            Object error = provider.getMethod("getLoadingError").invoke(instance);
            if (error != null) {
                System.out.println("not loaded: " + error);
                return;
            }
            Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(line -> line.endsWith("libamazonCorrettoCryptoProvider.so")).findFirst()
                    .ifPresent(line -> System.out.println("loaded from " + line.substring(line.lastIndexOf(' ') + 1)));
        }
    }
}
