package org.chancery.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chancery.local.BrokerAccess;
import org.chancery.local.ComposeBroker;
import org.chancery.local.KafkaBroker;
import org.chancery.local.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml cannot be run here (no Docker engine). It is read as Compose reads it (anchors
 * and merge keys resolved, then its variables interpolated) and validated against the Compose
 * Specification's JSON schema (compose-spec.json; where it comes from: compose-spec.README), which
 * needs no Compose; where Docker Compose v2 is installed, {@code docker compose config} must accept
 * it too. It is checked against the code: every service has an entry, is given only keys it reads,
 * listens where it says, and is built as a target of the one shared Dockerfile; its broker is
 * closed by the launcher's grants, which the launcher's {@code compose-init} makes there.
 */
class ComposeFileTest {

    static final Path COMPOSE = ServiceConfig.ROOT.resolve("docker-compose.yml");
    static final Path DOCKERFILE = ServiceConfig.ROOT.resolve("services/Dockerfile");
    /** The launcher's module, whose compose-init is the compose broker's init step. */
    static final String LAUNCHER = "deploy/local";
    /** The environment {@code CHANCERY_DEMO=yes docker compose up} reads the file with. */
    static final Map<String, String> DEMO = Map.of("CHANCERY_DEMO", "yes");
    static final String DEMO_GUARD = "set CHANCERY_DEMO=yes to start it as a demo";
    private static final ObjectMapper JSON = new ObjectMapper();
    static Schema schema;
    static JsonNode config;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ComposeFileTest.class.getResourceAsStream("/compose-spec.json")) {
            assertNotNull(in, "compose-spec.json is not among the test resources");
            // The schema names itself by a relative $id (compose_spec.json), resolved against this location.
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(SchemaLocation.of("classpath:compose-spec.json"), in, InputFormat.JSON);
        }
        config = read(Files.readString(COMPOSE), DEMO);
    }

    /**
     * A compose file as Compose reads it: the YAML with its anchors and merge keys resolved
     * (Jackson's YAML tree keeps {@code <<: *service} as a key and a string, so SnakeYAML, the
     * parser under it, builds the document), a key given twice refused as Compose refuses it, then
     * every string value interpolated from {@code environment}.
     */
    static JsonNode read(String yaml, Map<String, String> environment) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object document = new Yaml(new SafeConstructor(options)).load(yaml);
        return interpolate(JSON.valueToTree(document), environment);
    }

    /** What the Compose Specification's schema finds wrong with a read file; empty when nothing. */
    static List<String> problems(JsonNode file) {
        return schema.validate(file).stream().map(Object::toString).toList();
    }

    /**
     * Compose's interpolation, the forms its specification names: {@code $$} (a dollar sign),
     * {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}},
     * {@code ${NAME:?error}} and {@code ${NAME?error}}. Any other {@code ${...}} (nested, or a form
     * Compose may add) is refused here rather than read wrongly.
     */
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$(?:(\\$)|([A-Za-z_][A-Za-z0-9_]*)|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}$]*))?}|(\\{))");

    static String interpolate(String value, Map<String, String> environment) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (m.group(6) != null) {
                throw new IllegalArgumentException("an interpolation this test does not read: " + value);
            }
            String replacement;
            if (m.group(1) != null) {
                replacement = "$";
            } else {
                String name = m.group(2) != null ? m.group(2) : m.group(3);
                String operator = m.group(4);
                String set = environment.get(name);
                boolean missing = set == null || operator != null && operator.startsWith(":") && set.isEmpty();
                if (!missing) {
                    replacement = set;
                } else if (operator == null) {
                    replacement = ""; // Compose warns and puts nothing
                } else if (operator.endsWith("-")) {
                    replacement = m.group(5);
                } else {
                    throw new IllegalArgumentException("required variable " + name + " is missing a value: " + m.group(5));
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Values are interpolated, keys are not (as Compose does). */
    private static JsonNode interpolate(JsonNode node, Map<String, String> environment) {
        if (node.isTextual()) {
            return TextNode.valueOf(interpolate(node.asText(), environment));
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), interpolate(e.getValue(), environment)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(interpolate(item, environment)));
            return copy;
        }
        return node;
    }

    @Test
    void itIsAComposeFileByTheSpecification() {
        assertEquals(List.of(), problems(config), "docker-compose.yml against the Compose Specification's schema");
    }

    @Test
    void theSchemaAcceptsASmallCorrectFile() throws IOException {
        assertEquals(List.of(), problems(read(resource("valid.yml"), Map.of())));
    }

    /** Each of these is valid.yml with one mistake, which the check must name. */
    @ParameterizedTest
    @CsvSource({
            "unknown-service-key.yml, healthchek",
            "unknown-build-key.yml, targt",
            "unknown-top-level-key.yml, 'service'",
            "unknown-condition.yml, /services/app/depends_on/db/condition",
            "wrong-type.yml, /services/db/healthcheck/interval",
            "duplicate-key.yml, duplicate key image"})
    void theCheckRefusesABrokenFile(String file, String named) throws IOException {
        List<String> problems;
        try {
            problems = problems(read(resource(file), Map.of()));
        } catch (RuntimeException e) {
            problems = List.of(e.getMessage());
        }
        assertFalse(problems.isEmpty(), file + " passed");
        assertTrue(problems.stream().anyMatch(p -> p.contains(named)), file + ": " + problems);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ComposeFileTest.class.getResourceAsStream("/compose-schema/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void itRefusesToStartWithItsPublishedKeysUnlessToldItIsADemo() throws IOException {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> read(Files.readString(COMPOSE), Map.of()), "started without CHANCERY_DEMO");
        assertTrue(refused.getMessage().contains(DEMO_GUARD), refused.getMessage());
        for (String service : ServiceConfig.services()) {
            assertEquals("yes", config.path("services").path(service).path("labels").path("chancery.local-demo-keys")
                    .asText(), service + " starts without the demo guard");
        }
    }

    /**
     * Compose itself, where it is installed: it accepts the file as a demo and refuses it otherwise.
     * Without it the test says so and is reported as skipped; the schema check above runs either way.
     */
    @Test
    void dockerComposeAcceptsItWhereInstalled() throws Exception {
        if (!composeV2()) {
            String note = "docker compose (v2) is not on this machine: docker-compose.yml was checked against the "
                    + "Compose Specification's schema only";
            System.out.println(note);
            Assumptions.abort(note);
        }
        Compose asDemo = compose(DEMO, "-f", COMPOSE.toString(), "config", "--quiet");
        assertEquals(0, asDemo.exit(), () -> "docker compose config refused the file:\n" + asDemo.output());
        Compose notDemo = compose(Map.of(), "-f", COMPOSE.toString(), "config", "--quiet");
        assertTrue(notDemo.exit() != 0, "docker compose started it without CHANCERY_DEMO:\n" + notDemo.output());
        assertTrue(notDemo.output().contains(DEMO_GUARD), notDemo.output());
    }

    record Compose(int exit, String output) {
    }

    private static boolean composeV2() {
        try {
            return compose(Map.of(), "version").exit() == 0;
        } catch (IOException e) {
            return false; // no docker command
        }
    }

    /** {@code docker compose ARGS}, with CHANCERY_DEMO only as {@code environment} has it. */
    private static Compose compose(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("docker", "compose"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("CHANCERY_DEMO");
        builder.environment().putAll(environment);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Compose(-1, "did not finish in 60 s\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Compose(p.exitValue(), out);
    }

    @Test
    void everyServiceInTheCodeHasAnEntryBuiltFromTheSharedDockerfile() {
        for (String service : ServiceConfig.services()) {
            JsonNode entry = config.path("services").path(service);
            assertTrue(entry.isObject(), service + " has no compose entry");
            assertTrue(entry.path("image").asText().matches("chancery/" + service + ":\\d+\\.\\d+\\.\\d+"));
            assertTrue(entry.path("healthcheck").path("test").toString().contains("/q/health/ready"));
            assertEquals("service_healthy", entry.path("depends_on").path("postgres").path("condition").asText());
            assertEquals("service_completed_successfully",
                    entry.path("depends_on").path("kafka-init").path("condition").asText());
        }
    }

    @Test
    void eachServiceIsGivenOnlyKeysItReads() {
        for (String service : ServiceConfig.services()) {
            Set<String> known = ServiceConfig.variables(service);
            config.path("services").path(service).path("environment").fieldNames().forEachRemaining(variable ->
                    assertTrue(known.contains(variable) || ServiceConfig.CONTAINER_VARIABLES.contains(variable),
                            service + " is given " + variable + ", which it does not read"));
        }
    }

    @Test
    void imagesArePinnedAndHostPortsDoNotClashAndStayOnThisMachine() {
        Set<String> hostPorts = new HashSet<>();
        config.path("services").fields().forEachRemaining(e -> {
            String image = e.getValue().path("image").asText();
            assertTrue(image.contains(":") && !image.endsWith(":latest"), e.getKey() + " image " + image + " is not pinned");
            e.getValue().path("ports").forEach(p -> {
                // Long syntax, or "host_ip:published:target/protocol".
                String[] parts = p.asText().split(":");
                String hostIp = p.has("published") ? p.path("host_ip").asText("") : parts.length == 3 ? parts[0] : "";
                String published = p.has("published") ? p.path("published").asText() : parts[parts.length - 2];
                assertEquals("127.0.0.1", hostIp, e.getKey() + " publishes " + p + " on every interface of the host");
                assertTrue(hostPorts.add(published), "host port " + published + " is taken twice");
            });
        });
        for (String service : ServiceConfig.services()) {
            int port = ServiceConfig.port(service);
            JsonNode ports = config.path("services").path(service).path("ports");
            assertTrue(ports.toString().contains(String.valueOf(port)), service + " does not publish " + port);
        }
    }

    /**
     * One builder stage compiles every service and the launcher in one Maven build; it takes no
     * build argument, so it is the same stage for each image and is built once. Each service's image
     * is a target of its own that copies that service from it and exposes its port.
     */
    @Test
    void oneBuilderStageBuildsTheServicesAndEachImageIsATargetOfIt() throws IOException {
        Map<String, String> stages = stages(Files.readString(DOCKERFILE));
        String build = stages.get("build");
        assertNotNull(build, "no build stage: " + stages.keySet());
        assertEquals(1, stages.values().stream().filter(s -> s.contains("./mvnw")).count(), "Maven runs in more than one stage");
        assertFalse(build.contains("\nARG "), "the build stage depends on a build argument, so each image builds it again");
        assertTrue(build.contains("--mount=type=cache,target=/root/.m2,sharing=locked"),
                "Maven's downloads are fetched on every build, or two builds write them at once");
        Matcher modules = Pattern.compile(" -pl (\\S+) -am").matcher(build);
        assertTrue(modules.find(), build);
        Set<String> built = new TreeSet<>(List.of(modules.group(1).split(",")));
        Set<String> images = new TreeSet<>(ServiceConfig.services().stream().map(s -> "services/" + s).toList());
        images.add(LAUNCHER);
        assertEquals(images, built, "the build stage builds other modules than the services and the launcher (and "
                + "what they depend on)");
        String runtime = stages.get("runtime");
        assertNotNull(runtime, "no runtime stage: " + stages.keySet());
        assertTrue(runtime.contains("\nUSER 1001\n"), runtime);
        for (String service : ServiceConfig.services()) {
            String stage = stages.get(service);
            assertNotNull(stage, "no target " + service + " in services/Dockerfile");
            assertTrue(stage.startsWith("FROM runtime AS " + service + "\n"), stage);
            assertTrue(stage.contains("COPY --from=build /src/services/" + service + "/target/quarkus-app/ /app/\n"), stage);
            assertTrue(stage.contains("EXPOSE " + ServiceConfig.port(service) + "\n"), stage);
            JsonNode entry = config.path("services").path(service).path("build");
            assertEquals(".", entry.path("context").asText(), service);
            assertEquals("services/Dockerfile", entry.path("dockerfile").asText(), service);
            assertEquals(service, entry.path("target").asText(), service);
            assertTrue(entry.path("args").isMissingNode(), service + " is built with arguments the Dockerfile does not read");
            assertTrue(Files.exists(ServiceConfig.ROOT.resolve("services").resolve(service).resolve("pom.xml")));
        }
        try (Stream<Path> services = Files.list(ServiceConfig.ROOT.resolve("services"))) {
            assertEquals(List.of(), services.filter(d -> Files.exists(d.resolve("Dockerfile"))).toList(),
                    "a Dockerfile of its own beside the shared one");
        }
    }

    /** A Dockerfile's stages by name, each from its FROM line, continuation lines joined. */
    private static Map<String, String> stages(String dockerfile) {
        Map<String, String> stages = new LinkedHashMap<>();
        Matcher from = Pattern.compile("(?m)^FROM \\S+ AS (\\S+)$").matcher(dockerfile);
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (from.find()) {
            starts.add(from.start());
            names.add(from.group(1));
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : dockerfile.length();
            stages.put(names.get(i), dockerfile.substring(starts.get(i), end).replaceAll("\\\\\\n\\s*", " "));
        }
        return stages;
    }

    /**
     * The database is healthy when it takes connections where the services make them, over TCP:
     * its image runs the init scripts (the services' roles) on a server listening on its Unix
     * socket alone, which a check over the socket would already call healthy.
     */
    @Test
    void theDatabaseIsHealthyWhenItTakesConnectionsOverTcp() {
        String test = config.path("services").path("postgres").path("healthcheck").path("test").toString();
        assertTrue(test.contains("pg_isready -h 127.0.0.1 "), test);
    }

    /**
     * Every shell script keeps LF line ends in every checkout (.gitattributes), and has them now: with
     * CRLF a script does not run, and the images' build runs ./mvnw from the checkout.
     */
    @Test
    void shellScriptsKeepLfLineEnds() throws IOException {
        Map<String, String> eol = new HashMap<>();
        for (String line : Files.readAllLines(ServiceConfig.ROOT.resolve(".gitattributes"))) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 1 && !fields[0].startsWith("#")) {
                for (int i = 1; i < fields.length; i++) {
                    if (fields[i].startsWith("eol=")) {
                        eol.put(fields[0], fields[i].substring(4));
                    }
                }
            }
        }
        List<Path> scripts = shellScripts();
        assertTrue(scripts.contains(ServiceConfig.ROOT.resolve("mvnw")), "no scripts found: " + scripts);
        for (Path script : scripts) {
            String relative = ServiceConfig.ROOT.relativize(script).toString().replace('\\', '/');
            // As Git matches: a pattern without a slash against the name, one with a slash against the path.
            boolean lf = eol.entrySet().stream().anyMatch(rule -> rule.getValue().equals("lf")
                    && FileSystems.getDefault().getPathMatcher("glob:" + rule.getKey())
                    .matches(Path.of(rule.getKey().contains("/") ? relative : script.getFileName().toString())));
            assertTrue(lf, relative + " has no eol=lf rule in .gitattributes");
            assertFalse(Files.readString(script).contains("\r"), relative + " has CRLF line ends");
        }
    }

    /** Files that start with a #! line naming a shell, outside Git's data, build output and installed packages. */
    private static List<Path> shellScripts() throws IOException {
        Set<String> skipped = Set.of(".git", "target", "node_modules", ".run");
        List<Path> scripts = new ArrayList<>();
        Files.walkFileTree(ServiceConfig.ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return skipped.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && startsAsShellScript(file)) {
                    scripts.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return scripts;
    }

    private static boolean startsAsShellScript(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            String first = new String(in.readNBytes(64), StandardCharsets.ISO_8859_1).split("\n", 2)[0];
            return first.startsWith("#!") && first.matches("#!.*\\b(sh|bash)\\b.*");
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void theBrokerIsClosedByTheLaunchersGrants() throws IOException {
        Path compose = ServiceConfig.ROOT.resolve("deploy/compose");
        for (Map.Entry<String, String> file : ComposeBroker.files(compose).entrySet()) {
            assertEquals(file.getValue(), Files.readString(compose.resolve(file.getKey())), file.getKey()
                    + " is not what chancery-local.jar compose-broker makes of the grants: run it again");
        }
        JsonNode kafka = config.path("services").path("kafka");
        JsonNode env = kafka.path("environment");
        for (String listener : env.path("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText().split(",")) {
            assertTrue(listener.endsWith(":SASL_PLAINTEXT") || listener.endsWith(":SASL_SSL"), listener + " asks no login");
        }
        assertEquals("org.apache.kafka.metadata.authorizer.StandardAuthorizer", env.path("KAFKA_AUTHORIZER_CLASS_NAME").asText());
        assertEquals("false", env.path("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND").asText());
        assertEquals("User:" + BrokerAccess.ADMIN, env.path("KAFKA_SUPER_USERS").asText());
        assertTrue(env.path("KAFKA_OPTS").asText().contains("/etc/kafka/secrets/broker-jaas.conf"));
        assertTrue(kafka.path("volumes").toString().contains("broker-jaas.conf"), kafka.path("volumes").toString());
        // Set as the launcher's broker: the consumer groups' timing, the metadata log's no-op records.
        KafkaBroker.EVERY_BROKER.forEach((key, value) -> assertEquals(value,
                env.path("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_')).asText(), "compose's broker " + key));
        // Each service logs in as itself, with the password kafka-init gives it.
        BrokerAccess access = BrokerAccess.in(compose);
        for (String service : ServiceConfig.services()) {
            JsonNode given = config.path("services").path(service).path("environment");
            access.serviceEnv(service).forEach((variable, value) ->
                    assertEquals(value, given.path(variable).asText(), service + " " + variable));
        }
    }

    /**
     * The init step is the launcher's compose-init, in an image of its own built by the shared
     * Dockerfile from the launcher's build, started once the broker is healthy (every service waits
     * for it to finish, above). It is given the broker the services use, and the broker's passwords and
     * the admin's login mounted read-only where its home says (it reads them, and never makes one).
     */
    @Test
    void theInitStepIsTheLaunchersComposeInitWithTheKeysReadOnly() throws IOException {
        String stage = stages(Files.readString(DOCKERFILE)).get("kafka-init");
        assertNotNull(stage, "no target kafka-init in services/Dockerfile");
        assertTrue(stage.matches("(?s)FROM eclipse-temurin:\\S+ AS kafka-init\n.*"), stage);
        assertTrue(stage.contains(" /src/" + LAUNCHER + "/target/lib/ /app/lib/\n"), stage);
        assertTrue(stage.contains("COPY --from=build /src/" + LAUNCHER + "/target/chancery-local.jar /app/\n"), stage);
        Matcher entrypoint = Pattern.compile("\nENTRYPOINT \\[(.*)]\n").matcher(stage);
        assertTrue(entrypoint.find(), stage);
        assertTrue(entrypoint.group(1).endsWith("\"-jar\", \"/app/chancery-local.jar\", \"compose-init\""), stage);

        JsonNode init = config.path("services").path("kafka-init");
        assertEquals(".", init.path("build").path("context").asText());
        assertEquals("services/Dockerfile", init.path("build").path("dockerfile").asText());
        assertEquals("kafka-init", init.path("build").path("target").asText());
        assertTrue(init.path("image").asText().matches("chancery/kafka-init:\\d+\\.\\d+\\.\\d+"), init.path("image").asText());
        assertEquals("service_healthy", init.path("depends_on").path("kafka").path("condition").asText());
        assertEquals("no", init.path("restart").asText());
        List<String> command = new ArrayList<>();
        init.path("command").forEach(arg -> command.add(arg.asText()));
        List<String> args = new ArrayList<>(List.of("compose-init"));
        args.addAll(command);
        Main.commandLine().parseArgs(args.toArray(String[]::new)); // the launcher takes every option
        String bootstrap = command.get(command.indexOf("--bootstrap") + 1);
        for (String service : ServiceConfig.services()) {
            assertEquals(bootstrap, config.path("services").path(service).path("environment")
                    .path("KAFKA_BOOTSTRAP_SERVERS").asText(), service + " uses another broker than kafka-init sets up");
        }
        String home = command.get(command.indexOf("--home") + 1);
        List<String> volumes = new ArrayList<>();
        init.path("volumes").forEach(volume -> volumes.add(volume.asText()));
        assertEquals(List.of("./deploy/compose/keys:" + home + "/keys:ro",
                "./deploy/compose/" + ComposeBroker.ADMIN + ":" + home + "/" + ComposeBroker.ADMIN + ":ro"), volumes);
    }
}
