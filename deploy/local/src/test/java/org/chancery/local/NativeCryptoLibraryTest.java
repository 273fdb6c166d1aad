package org.chancery.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native provider's library, taken out of the service's own jar once per home, loads from there. */
class NativeCryptoLibraryTest {

    private static final String PROVIDER = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    @TempDir
    Path home;

    @TempDir
    Path libraries;

    /** The provider's jar the build holds, among {@code libraries}: there is none on other platforms. */
    private Path providerJar() throws Exception {
        Path built;
        try {
            built = Path.of(Class.forName(PROVIDER).getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException e) {
            built = null;
        }
        Assumptions.assumeTrue(built != null, "this platform's build has no native provider");
        return Files.copy(built, libraries.resolve(built.getFileName()));
    }

    private NativeCryptoLibrary library() {
        return new NativeCryptoLibrary(home, new PrintStream(new ByteArrayOutputStream(), true));
    }

    @Test
    void theLibraryIsTakenOutOnceOwnerOnlyAndAJvmLoadsItFromThere() throws Exception {
        Path jar = providerJar();
        List<String> options = library().jvmOptions(libraries);

        Path folder = home.resolve("native").resolve(jar.getFileName().toString().replaceFirst("\\.jar$", ""));
        Path library = folder.resolve("libamazonCorrettoCryptoProvider.so");
        byte[] inTheJar;
        try (JarFile file = new JarFile(jar.toFile());
                InputStream in = file.getInputStream(
                        file.getJarEntry("com/amazon/corretto/crypto/provider/libamazonCorrettoCryptoProvider.so"))) {
            inTheJar = in.readAllBytes();
        }
        assertArrayEquals(inTheJar, Files.readAllBytes(library));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(library)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        command.addAll(List.of("-cp", jar + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                LoadsTheProvider.class.getName()));
        Path said = home.resolve("said.txt");
        Process jvm = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(said.toFile()).start();
        assertTrue(jvm.waitFor(60, TimeUnit.SECONDS));
        assertTrue(Files.readString(said).contains("loaded from " + library.toAbsolutePath()), Files.readString(said));

        // Another start on the home takes nothing out again; a copy of another size is made again.
        FileTime written = Files.getLastModifiedTime(library);
        assertEquals(options, library().jvmOptions(libraries));
        assertEquals(written, Files.getLastModifiedTime(library));
        Files.write(library, new byte[] {1, 2, 3});
        assertEquals(options, library().jvmOptions(libraries));
        assertArrayEquals(inTheJar, Files.readAllBytes(library));
    }

    @Test
    void librariesWithoutTheProviderGiveNoOptions() {
        assertEquals(List.of(), library().jvmOptions(libraries));
        assertEquals(List.of(), library().jvmOptions(libraries.resolve("absent")));
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
