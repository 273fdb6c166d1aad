package org.chancery.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chancery.events.Topics;
import org.chancery.local.BrokerAccess;
import org.chancery.local.ComposeBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot be run here (no Docker engine): it is validated by docker-compose
 * itself, and checked against the code — every service has an entry, is given only keys it reads,
 * listens where it says, and is built by the one shared Dockerfile; the topics it creates are the
 * catalogue's; its broker is closed by the launcher's grants.
 */
class ComposeFileTest {

    static final Path COMPOSE = ServiceConfig.ROOT.resolve("docker-compose.yml");
    static JsonNode config;

    @BeforeAll
    static void resolve() throws Exception {
        Process p = config(true);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker-compose config did not finish");
        assertEquals(0, p.exitValue(), () -> "docker-compose config -q refused the file:\n" + out);
        config = new ObjectMapper(new YAMLFactory()).readTree(out);
    }

    /** {@code docker-compose config}, told it is a demo or not. */
    private static Process config(boolean demo) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", COMPOSE.toString(), "config")
                .redirectErrorStream(true);
        builder.environment().remove("CHANCERY_DEMO");
        if (demo) {
            builder.environment().put("CHANCERY_DEMO", "yes");
        }
        return builder.start();
    }

    @Test
    void itRefusesToStartWithItsPublishedKeysUnlessToldItIsADemo() throws Exception {
        Process p = config(false);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker-compose config did not finish");
        assertTrue(p.exitValue() != 0, "started without CHANCERY_DEMO:\n" + out);
        assertTrue(out.contains("set CHANCERY_DEMO=yes to start it as a demo"), out);
        for (String service : ServiceConfig.services()) {
            assertEquals("yes", config.path("services").path(service).path("labels").path("chancery.local-demo-keys")
                    .asText(), service + " starts without the demo guard");
        }
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

    @Test
    void oneDockerfileBuildsEachServiceAndNothingElse() throws IOException {
        String dockerfile = Files.readString(ServiceConfig.ROOT.resolve("services/Dockerfile"));
        assertTrue(dockerfile.contains("-pl \"services/$SERVICE\" -am"), "the image builds more than its service");
        assertTrue(dockerfile.contains("--mount=type=cache,target=/root/.m2"), "dependencies are fetched on every build");
        assertTrue(dockerfile.contains("EXPOSE ${PORT}") && dockerfile.contains("USER 1001"), dockerfile);
        for (String service : ServiceConfig.services()) {
            JsonNode build = config.path("services").path(service).path("build");
            assertEquals("services/Dockerfile", build.path("dockerfile").asText(), service);
            assertEquals(service, build.path("args").path("SERVICE").asText(), service);
            assertEquals(String.valueOf(ServiceConfig.port(service)), build.path("args").path("PORT").asText(), service);
            assertTrue(Files.exists(ServiceConfig.ROOT.resolve("services").resolve(service).resolve("pom.xml")));
        }
        try (Stream<Path> services = Files.list(ServiceConfig.ROOT.resolve("services"))) {
            assertEquals(List.of(), services.filter(d -> Files.exists(d.resolve("Dockerfile"))).toList(),
                    "a Dockerfile of its own beside the shared one");
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
        JsonNode init = config.path("services").path("kafka-init");
        assertTrue(init.path("entrypoint").toString().contains("/broker-grants.sh"), "kafka-init makes no grants");
        assertTrue(init.path("volumes").toString().contains("broker-grants.sh"));
        // Each service logs in as itself, with the password the grants script gives it.
        BrokerAccess access = BrokerAccess.in(compose);
        for (String service : ServiceConfig.services()) {
            JsonNode given = config.path("services").path(service).path("environment");
            access.serviceEnv(service).forEach((variable, value) ->
                    assertEquals(value, given.path(variable).asText(), service + " " + variable));
        }
    }

    @Test
    void theTopicsItCreatesAreTheCatalogue() throws IOException {
        String script = Files.readString(ServiceConfig.ROOT.resolve("deploy/compose/create-topics.sh"));
        Map<String, String> vars = new LinkedHashMap<>();
        Matcher v = Pattern.compile("^(\\w+)=(\\d+)$", Pattern.MULTILINE).matcher(script);
        while (v.find()) {
            vars.put(v.group(1), v.group(2));
        }
        Set<String> created = new TreeSet<>();
        Matcher c = Pattern.compile("^create (\\S+) (\\d+)(.*)$", Pattern.MULTILINE).matcher(script);
        while (c.find()) {
            List<String> configs = new ArrayList<>();
            for (String config : c.group(3).trim().split("\\s+")) {
                if (!config.isEmpty()) {
                    String[] kv = config.split("=");
                    configs.add(kv[0] + "=" + (kv[1].startsWith("$") ? vars.get(kv[1].substring(1)) : kv[1]));
                }
            }
            created.add(c.group(1) + " " + c.group(2) + " " + new TreeSet<>(configs));
        }
        Set<String> catalogue = new TreeSet<>();
        for (Topics.TopicSpec spec : Topics.CATALOGUE) {
            List<String> configs = new ArrayList<>();
            spec.config().forEach((k, val) -> configs.add(k + "=" + val));
            catalogue.add(spec.name() + " " + spec.partitions() + " " + new TreeSet<>(configs));
        }
        assertEquals(catalogue, created);
    }
}
