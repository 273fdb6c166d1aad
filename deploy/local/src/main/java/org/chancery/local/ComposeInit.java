package org.chancery.local;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.chancery.events.Topics;

/**
 * The compose broker's init step ({@code compose-init}, the {@code kafka-init} container), in one
 * JVM. Against a running broker, logged in as its admin with the client configuration its health
 * check uses (PLAIN, the one user of the broker's JAAS file), it makes what {@link BrokerSetup}
 * makes for the launcher's broker, and the SCRAM-SHA-512 credentials of every other principal,
 * from the passwords in {@code HOME/keys} (the launcher's broker gets those when it is formatted;
 * the {@code apache/kafka} image formats its own storage). Each only where missing, so a second
 * run changes nothing. One line a step; a failure is an {@link IllegalStateException} that says
 * what went wrong.
 */
final class ComposeInit {

    /** As {@code kafka-configs.sh} and {@code kafka-storage.sh} make SCRAM credentials by default. */
    private static final int ITERATIONS = 4096;
    private static final Duration TAKEN = Duration.ofSeconds(30);

    private ComposeInit() {
    }

    /** Sets the broker at {@code bootstrap} up, logged in with the client configuration in {@code adminConfig}. */
    static void run(String bootstrap, Path adminConfig, Path home, Duration wait, PrintWriter out) throws Exception {
        long started = System.nanoTime();
        BrokerAccess access = BrokerAccess.read(home);
        Map<String, Object> config = adminConfig(adminConfig, bootstrap);
        try (Admin admin = connect(config, wait, out)) {
            // One copy of each partition: the compose broker is a cluster of one.
            report(out, "topics", "created", BrokerSetup.createTopics(admin, (short) 1).size(), Topics.CATALOGUE.size());
            List<String> principals = BrokerAccess.principals().stream()
                    .filter(principal -> !principal.equals(BrokerAccess.ADMIN)).toList();
            report(out, "SCRAM credentials", "set", credentials(admin, config, access, principals).size(),
                    principals.size());
            report(out, "grants", "made", BrokerSetup.grant(admin), BrokerAccess.acls().size());
        } catch (ExecutionException e) {
            throw failure(e.getCause(), bootstrap, adminConfig);
        }
        out.println("broker " + bootstrap + " ready for the services in " + millis(started) + " ms");
    }

    /** The client configuration in {@code file}, to reach the broker at {@code bootstrap}. */
    static Map<String, Object> adminConfig(Path file, String bootstrap) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no admin client configuration at " + file);
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        Map<String, Object> config = new HashMap<>();
        properties.forEach((key, value) -> config.put((String) key, value));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return config;
    }

    /** An admin client once the broker has taken its login, trying for at most {@code wait}. */
    private static Admin connect(Map<String, Object> config, Duration wait, PrintWriter out)
            throws InterruptedException, ExecutionException {
        long started = System.nanoTime();
        Object bootstrap = config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        Admin admin;
        try {
            admin = Admin.create(config);
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot reach the broker at " + bootstrap + ": " + e.getMessage(), e);
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) wait.toMillis())).nodes().get();
            out.println("broker " + bootstrap + ": logged in as the admin in " + millis(started) + " ms");
            return admin;
        } catch (ExecutionException e) {
            admin.close(Duration.ZERO);
            if (e.getCause() instanceof TimeoutException) {
                throw new IllegalStateException("no broker answered at " + bootstrap + " within " + wait.toSeconds()
                        + " s", e.getCause());
            }
            throw e;
        }
    }

    /**
     * Sets the SCRAM credentials of those of {@code principals} that have none, or whose password
     * the broker refuses (one changed in {@code HOME/keys}), and returns once the broker takes a
     * login with each. Returns the principals it set.
     */
    private static List<String> credentials(Admin admin, Map<String, Object> adminConfig, BrokerAccess access,
            List<String> principals) throws InterruptedException, ExecutionException {
        Set<String> known = scramUsers(admin);
        List<String> stale = new ArrayList<>(principals.stream().filter(principal -> !known.contains(principal)).toList());
        stale.addAll(refused(principals.stream().filter(known::contains).toList(), adminConfig, access));
        if (stale.isEmpty()) {
            return stale;
        }
        List<UserScramCredentialAlteration> upserts = stale.stream()
                .<UserScramCredentialAlteration>map(principal -> new UserScramCredentialUpsertion(principal,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), access.password(principal)))
                .toList();
        admin.alterUserScramCredentials(upserts).all().get();
        long deadline = System.nanoTime() + TAKEN.toNanos();
        while (!scramUsers(admin).containsAll(stale) || !refused(stale, adminConfig, access).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker did not take the new SCRAM credentials within "
                        + TAKEN.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return stale;
    }

    /** The users the broker holds SCRAM-SHA-512 credentials of. */
    private static Set<String> scramUsers(Admin admin) throws InterruptedException, ExecutionException {
        return admin.describeUserScramCredentials().all().get().entrySet().stream()
                .filter(user -> user.getValue().credentialInfos().stream()
                        .anyMatch(info -> info.mechanism() == ScramMechanism.SCRAM_SHA_512))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /**
     * Those of {@code principals} whose SCRAM login with their password the broker refuses, each
     * tried as the admin connects but for its login (all at once: a login is a round trip or two).
     */
    private static List<String> refused(List<String> principals, Map<String, Object> adminConfig, BrokerAccess access)
            throws InterruptedException, ExecutionException {
        Map<String, Admin> clients = new LinkedHashMap<>();
        try {
            Map<String, KafkaFuture<Collection<Node>>> logins = new LinkedHashMap<>();
            for (String principal : principals) {
                Map<String, Object> config = new HashMap<>(adminConfig);
                config.put(SaslConfigs.SASL_MECHANISM, BrokerAccess.MECHANISM);
                config.put(SaslConfigs.SASL_JAAS_CONFIG, access.scramLogin(principal));
                Admin client = Admin.create(config);
                clients.put(principal, client);
                logins.put(principal, client.describeCluster().nodes());
            }
            List<String> refused = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Collection<Node>>> login : logins.entrySet()) {
                try {
                    login.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof AuthenticationException)) {
                        throw e;
                    }
                    refused.add(login.getKey());
                }
            }
            return refused;
        } finally {
            clients.values().forEach(Admin::close);
        }
    }

    /** What the broker's answer means for whoever runs the step. */
    private static IllegalStateException failure(Throwable cause, String bootstrap, Path adminConfig) {
        if (cause instanceof AuthenticationException) {
            return new IllegalStateException("the broker at " + bootstrap + " refused the login in " + adminConfig + ": "
                    + cause.getMessage(), cause);
        }
        if (cause instanceof AuthorizationException) {
            return new IllegalStateException("the login in " + adminConfig + " may not set the broker up (it must be "
                    + "a super user): " + cause.getMessage(), cause);
        }
        return new IllegalStateException("the broker at " + bootstrap + " failed: " + cause, cause);
    }

    private static void report(PrintWriter out, String step, String verb, int done, int of) {
        out.println(step + ": " + (done == 0 ? "all " + of + " in place" : verb + " " + done + " of " + of));
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
