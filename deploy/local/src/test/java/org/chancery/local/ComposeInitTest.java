package org.chancery.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.chancery.events.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code compose-init} against a real broker set up as the compose file's is before its init step
 * ({@link KafkaBroker#startBare}: closed, the admin alone, logging in with PLAIN): the first run
 * makes the catalogue's topics, every principal's SCRAM login and the grants; the second finds them
 * in place and changes nothing; what goes missing is made again; a refused login or no broker ends
 * with a sentence and 2. The passwords in {@code HOME/keys} are read, never written.
 */
@Tag("stack")
class ComposeInitTest {

    private static final List<String> PRINCIPALS = BrokerAccess.principals().stream()
            .filter(principal -> !principal.equals(BrokerAccess.ADMIN)).toList();

    record Run(int exit, List<String> lines, String err) {
        /** The lines of the steps, between the login's and the last. */
        List<String> steps() {
            return lines.subList(1, lines.size() - 1);
        }
    }

    /** What the broker holds that compose-init makes: each topic's id, partitions and settings, users and grants. */
    record Held(Map<String, String> topics, Map<String, String> users, Set<AclBinding> grants) {
    }

    @Test
    void makesTheBrokerReadyThenFindsItReadyAndMakesAgainWhatGoesMissing(@TempDir Path home) throws Exception {
        BrokerAccess access = BrokerAccess.in(home);
        ComposeBroker.write(home);
        try (KafkaBroker broker = KafkaBroker.startBare("127.0.0.1", StackSettings.freePort(), StackSettings.freePort(),
                StackSettings.freePort(), home.resolve("kafka"), access, BrokerCertificates.in(home));
                Admin admin = Admin.create(ComposeInit.adminConfig(home.resolve(ComposeBroker.ADMIN),
                        broker.bootstrapServers()))) {
            assertEquals(new Held(Map.of(), Map.of(), Set.of()), held(admin), "the bare broker holds nothing yet");
            Map<Path, Long> keys = files(home.resolve("keys"));

            Run first = init(broker, home);
            assertEquals(0, first.exit(), first.err());
            assertEquals(List.of("topics: created " + Topics.CATALOGUE.size() + " of " + Topics.CATALOGUE.size(),
                    "SCRAM credentials: set " + PRINCIPALS.size() + " of " + PRINCIPALS.size(),
                    "grants: made " + BrokerAccess.acls().size() + " of " + BrokerAccess.acls().size()), first.steps());
            Held ready = held(admin);
            for (Topics.TopicSpec spec : Topics.CATALOGUE) {
                assertTrue(ready.topics().get(spec.name()).endsWith(" " + spec.partitions() + " " + new TreeMap<>(spec.config())),
                        spec + ": " + ready.topics().get(spec.name()));
            }
            assertEquals(PRINCIPALS.stream().collect(Collectors.toMap(p -> p, p -> "SCRAM_SHA_512")), ready.users());
            Set<AclBinding> missing = new HashSet<>(BrokerAccess.acls());
            missing.removeAll(ready.grants());
            assertEquals(Set.of(), missing, "grants the broker does not hold");
            assertEquals(Set.copyOf(BrokerAccess.acls()), ready.grants(), "the broker holds other grants");
            for (String principal : PRINCIPALS) {
                assertTrue(logsIn(broker, access, principal), principal + " cannot log in with its password");
            }

            Run second = init(broker, home);
            assertEquals(0, second.exit(), second.err());
            assertEquals(List.of("topics: all " + Topics.CATALOGUE.size() + " in place",
                    "SCRAM credentials: all " + PRINCIPALS.size() + " in place",
                    "grants: all " + BrokerAccess.acls().size() + " in place"), second.steps());
            assertEquals(ready, held(admin), "the second run changed what the broker holds");

            // A grant and a principal's credentials gone, another's password not the one in HOME/keys.
            AclBinding grant = BrokerAccess.acls().getFirst();
            admin.deleteAcls(List.of(grant.toFilter())).all().get();
            admin.alterUserScramCredentials(List.of(new UserScramCredentialDeletion("embassy",
                    ScramMechanism.SCRAM_SHA_512), new UserScramCredentialUpsertion("hotline",
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), "another password"))).all().get();
            await(() -> !held(admin).grants().contains(grant) && !held(admin).users().containsKey("embassy")
                    && !logsIn(broker, access, "hotline"));
            Run third = init(broker, home);
            assertEquals(0, third.exit(), third.err());
            assertEquals(List.of("topics: all " + Topics.CATALOGUE.size() + " in place",
                    "SCRAM credentials: set 2 of " + PRINCIPALS.size(),
                    "grants: made 1 of " + BrokerAccess.acls().size()), third.steps());
            assertEquals(ready, held(admin));
            assertTrue(logsIn(broker, access, "embassy") && logsIn(broker, access, "hotline"));
            assertEquals(keys, files(home.resolve("keys")), "compose-init wrote into HOME/keys");

            Path wrong = home.resolve("wrong-admin.properties");
            Files.writeString(wrong, Files.readString(home.resolve(ComposeBroker.ADMIN))
                    .replace(access.password(BrokerAccess.ADMIN), "not-the-password"));
            Run refused = init(broker, home, "--admin-config", wrong.toString());
            assertEquals(2, refused.exit());
            assertTrue(refused.err().startsWith("chancery: the broker at " + broker.bootstrapServers()
                    + " refused the login in " + wrong), refused.err());
        }
    }

    @Test
    void noBrokerIsAnErrorAfterTheWait(@TempDir Path home) throws Exception {
        BrokerAccess.in(home);
        ComposeBroker.write(home);
        String nowhere = "127.0.0.1:" + StackSettings.freePort();
        Run run = run("compose-init", "--bootstrap", nowhere, "--home", home.toString(), "--wait", "2");
        assertEquals(2, run.exit());
        assertEquals("chancery: no broker answered at " + nowhere + " within 2 s\n", run.err());
    }

    private static Run init(KafkaBroker broker, Path home, String... more) {
        return run(Stream.concat(Stream.of("compose-init", "--bootstrap", broker.bootstrapServers(),
                "--home", home.toString()), Stream.of(more)).toArray(String[]::new));
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine(name -> null);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute(args);
        System.out.print(out); // the steps in the test's report
        return new Run(exit, out.toString().lines().toList(), err.toString());
    }

    private static Held held(Admin admin) {
        try {
            Set<String> names = new HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
            names.retainAll(Topics.CATALOGUE.stream().map(Topics.TopicSpec::name).toList());
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get(30, TimeUnit.SECONDS);
            Map<String, String> topics = new TreeMap<>();
            for (Topics.TopicSpec spec : Topics.CATALOGUE) {
                if (names.contains(spec.name())) {
                    Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
                    Map<String, String> set = new TreeMap<>();
                    spec.config().keySet().forEach(key -> set.put(key, config.get(key).value()));
                    TopicDescription topic = described.get(spec.name());
                    topics.put(spec.name(), topic.topicId() + " " + topic.partitions().size() + " " + set);
                }
            }
            Map<String, String> users = new TreeMap<>();
            admin.describeUserScramCredentials().all().get(30, TimeUnit.SECONDS).forEach((user, description) ->
                    users.put(user, description.credentialInfos().stream().map(info -> info.mechanism().name())
                            .sorted().collect(Collectors.joining(","))));
            return new Held(topics, users, Set.copyOf(admin.describeAcls(AclBindingFilter.ANY).values()
                    .get(30, TimeUnit.SECONDS)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean logsIn(KafkaBroker broker, BrokerAccess access, String principal) {
        Map<String, Object> config = new HashMap<>(access.clientConfig(principal));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin client = Admin.create(config)) {
            client.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "the broker did not take the change within 30 s");
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Every file below {@code folder}, with its last change. */
    private static Map<Path, Long> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            Map<Path, Long> changed = new TreeMap<>();
            for (Path file : files.toList()) {
                changed.put(file, Files.getLastModifiedTime(file).toMillis());
            }
            return changed;
        }
    }
}
