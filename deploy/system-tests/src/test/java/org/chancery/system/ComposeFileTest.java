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
import org.chancery.events.Topics;
import org.chancery.local.BrokerAccess;
import org.chancery.local.ComposeBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot be run here (no Docker engine): it is validated by docker-compose
 * itself, and checked against the code — every service has an entry, is given only keys it reads,
 * listens where it says, and builds from a Dockerfile whose paths exist; the topics it creates are
 * the catalogue's.
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
    void everyServiceInTheCodeHasAnEntryBuiltFromItsOwnDockerfile() {
        for (String service : ServiceConfig.services()) {
            JsonNode entry = config.path("services").path(service);
            assertTrue(entry.isObject(), service + " has no compose entry");
            assertEquals("services/" + service + "/Dockerfile", entry.path("build").path("dockerfile").asText());
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
    void imagesArePinnedAndHostPortsDoNotClash() {
        Set<String> hostPorts = new HashSet<>();
        config.path("services").fields().forEachRemaining(e -> {
            String image = e.getValue().path("image").asText();
            assertTrue(image.contains(":") && !image.endsWith(":latest"), e.getKey() + " image " + image + " is not pinned");
            e.getValue().path("ports").forEach(p -> {
                String published = p.has("published") ? p.path("published").asText() : p.asText().split(":")[0];
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
    void eachDockerfileBuildsItsServiceFromPathsThatExist() throws IOException {
        Pattern copy = Pattern.compile("^COPY (--from=\\S+ )?(\\S+) (\\S+)$", Pattern.MULTILINE);
        for (String service : ServiceConfig.services()) {
            String dockerfile = Files.readString(ServiceConfig.ROOT.resolve("services").resolve(service)
                    .resolve("Dockerfile"));
            assertTrue(dockerfile.contains("-pl services/" + service + " "), service + " builds another module");
            assertTrue(dockerfile.contains("EXPOSE " + ServiceConfig.port(service)), service + " exposes another port");
            Matcher m = copy.matcher(dockerfile);
            int copies = 0;
            while (m.find()) {
                copies++;
                String source = m.group(2);
                if (m.group(1) == null) {
                    assertTrue(Files.exists(ServiceConfig.ROOT.resolve(source)), source + " does not exist");
                } else {
                    String module = source.replaceFirst("^/src/", "").replaceFirst("/target/.*$", "");
                    assertTrue(Files.exists(ServiceConfig.ROOT.resolve(module).resolve("pom.xml")),
                            "no module at " + module);
                }
            }
            assertEquals(2, copies, service + ": one copy into the build stage, one out of it");
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
