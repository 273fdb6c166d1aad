package org.chancery.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The services as the code defines them: their names and ports, and the configuration keys each
 * one really reads (its application.properties, the shared messaging defaults it depends on, every
 * {@code @ConfigProperty} in its code and every setting of its {@code @ConfigMapping} groups), as
 * environment variables.
 */
final class ServiceConfig {

    static final Path ROOT = Path.of("../../..").toAbsolutePath().normalize();
    /** Variables a container reads that are not configuration keys of the service. */
    static final Set<String> CONTAINER_VARIABLES = Set.of("JAVA_OPTS");

    /** The Kafka client settings a deployment gives a service to log in to its broker. */
    static final Set<String> KAFKA_LOGIN = Set.of("kafka.security.protocol", "kafka.sasl.mechanism",
            "kafka.sasl.jaas.config", "kafka.ssl.truststore.type", "kafka.ssl.truststore.location");

    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(name = \"([^\"]+)\"");
    /** A group of settings: the interface after {@code @ConfigMapping(prefix = ...)}, up to its closing brace. */
    private static final Pattern CONFIG_MAPPING = Pattern.compile(
            "@ConfigMapping\\(prefix = \"([^\"]+)\"\\)\\s+(?:public\\s+)?interface\\s+\\w+\\s*\\{([^}]*)\\}");
    /** A setting of a group: a method without parameters, named in kebab case under the group's prefix. */
    private static final Pattern MAPPED_SETTING = Pattern.compile("(\\w+)\\(\\);");

    private ServiceConfig() {
    }

    /** Every service: a folder under services/ with an application.properties. */
    static List<String> services() {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("services"))) {
            return dirs.filter(d -> Files.exists(d.resolve("src/main/resources/application.properties")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties properties(String service) {
        Properties p = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve("services").resolve(service)
                .resolve("src/main/resources/application.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static int port(String service) {
        return Integer.parseInt(properties(service).getProperty("quarkus.http.port"));
    }

    /** The environment variables that set a key the service reads. */
    static Set<String> variables(String service) {
        Set<String> keys = new HashSet<>();
        properties(service).stringPropertyNames().forEach(k -> keys.add(k.replaceFirst("^%[^.]+\\.", "")));
        keys.addAll(configProperties(ROOT.resolve("services").resolve(service).resolve("src/main/java")));
        if (usesMessaging(service)) {
            Properties defaults = new Properties();
            try (var in = Files.newInputStream(ROOT.resolve(
                    "services/libs/messaging/src/main/resources/META-INF/microprofile-config.properties"))) {
                defaults.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            keys.addAll(defaults.stringPropertyNames());
            keys.addAll(configProperties(ROOT.resolve("services/libs/messaging/src/main/java")));
            // Every kafka.* property reaches the service's Kafka clients: how they log in to a closed broker.
            keys.addAll(KAFKA_LOGIN);
        }
        Set<String> variables = new HashSet<>();
        keys.forEach(k -> variables.add(k.toUpperCase().replaceAll("[^A-Z0-9]", "_")));
        return variables;
    }

    private static boolean usesMessaging(String service) {
        try {
            return Files.readString(ROOT.resolve("services").resolve(service).resolve("pom.xml"))
                    .contains("<artifactId>messaging</artifactId>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> configProperties(Path sources) {
        Set<String> names = new HashSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher m = CONFIG_PROPERTY.matcher(source);
                while (m.find()) {
                    names.add(m.group(1));
                }
                Matcher group = CONFIG_MAPPING.matcher(source);
                while (group.find()) {
                    Matcher setting = MAPPED_SETTING.matcher(group.group(2));
                    while (setting.find()) {
                        names.add(group.group(1) + "." + setting.group(1).replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                                .toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
