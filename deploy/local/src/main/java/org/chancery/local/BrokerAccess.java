package org.chancery.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.chancery.events.HopTopic;
import org.chancery.events.Service;
import org.chancery.events.Topics;

/**
 * Who may use the broker, and for what. Every client authenticates as a principal of its own:
 * one per service, {@value #TOKEN_ISSUER} for revocations and {@value #ADMIN}, the broker's own and
 * the operator's, which alone creates topics, users and ACLs, all with SASL/SCRAM-SHA-512; and
 * {@value #READER}, read only, for outside consumers, with its client certificate
 * ({@link BrokerCertificates}) or SCRAM. Each service may write only the topics it publishes
 * and read only those it consumes, in its own consumer group ({@link #acls()}); anonymous clients
 * are refused. The passwords are made on first use and kept in {@code home/keys}, owner-only.
 */
public final class BrokerAccess {

    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String ADMIN = "admin";
    public static final String READER = "reader";
    /** How the names of the outside consumers' groups begin: the only groups {@value #READER} may use. */
    public static final String READER_GROUPS = "reader-";
    public static final String TOKEN_ISSUER = "token-issuer";

    private static final String ALL_TOPICS = "chancery.";

    private final Map<String, String> passwords;

    private BrokerAccess(Map<String, String> passwords) {
        this.passwords = passwords;
    }

    /** The principals and their passwords kept in {@code home/keys}, made for those that have none. */
    public static BrokerAccess in(Path home) throws IOException {
        return kept(principal -> OwnerOnly.secret(home.resolve("keys"), passwordFile(principal)));
    }

    /**
     * The same, read only: a principal without its password is an error, and nothing is written
     * (the folder may be mounted read-only, and a password made here would be no one else's).
     */
    static BrokerAccess read(Path home) throws IOException {
        return kept(principal -> {
            Path file = home.resolve("keys").resolve(passwordFile(principal));
            String password = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.US_ASCII).trim() : "";
            if (password.isEmpty()) {
                throw new IllegalStateException("no password for the broker principal " + principal + ": " + file
                        + " is missing or empty");
            }
            return password;
        });
    }

    private interface Password {
        String of(String principal) throws IOException;
    }

    private static BrokerAccess kept(Password password) throws IOException {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String principal : principals()) {
            passwords.put(principal, password.of(principal));
        }
        return new BrokerAccess(passwords);
    }

    private static String passwordFile(String principal) {
        return "kafka-" + principal + ".password";
    }

    static List<String> principals() {
        List<String> principals = new ArrayList<>(List.of(ADMIN, READER, TOKEN_ISSUER));
        principals.addAll(Service.ids());
        return principals;
    }

    /** A Kafka client's configuration as {@code principal}. */
    public Map<String, Object> clientConfig(String principal) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", scramLogin(principal));
    }

    /** The same, as the environment of a Quarkus service ({@code kafka.*} properties). */
    public Map<String, String> serviceEnv(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        clientConfig(service).forEach((key, value) ->
                env.put("KAFKA_" + key.toUpperCase().replace('.', '_'), value.toString()));
        return env;
    }

    public String password(String principal) {
        String password = passwords.get(principal);
        if (password == null) {
            throw new IllegalArgumentException("no broker principal " + principal);
        }
        return password;
    }

    /** The JAAS configuration that logs in as {@code principal} with SCRAM. */
    String scramLogin(String principal) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
                + "\" password=\"" + password(principal) + "\";";
    }

    /** The controllers' PLAIN login: {@value #ADMIN}, the one user they also accept. */
    String controllerLogin() {
        String password = password(ADMIN);
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN + "\" password=\""
                + password + "\" user_" + ADMIN + "=\"" + password + "\";";
    }

    /** The SCRAM credentials the broker is formatted with, as {@code kafka-storage format --add-scram} takes them. */
    List<String> scramArguments() {
        return passwords.entrySet().stream()
                .map(e -> MECHANISM + "=[name=" + e.getKey() + ",password=" + e.getValue() + "]").toList();
    }

    /**
     * What each principal may do; {@value #ADMIN} is a super user and needs none. Each service's
     * grants are its {@link Service descriptor}: it reads the topics of the steps it consumes and the
     * topics it {@link Service#reads reads} whole, writes the topics of the steps it sends on, the
     * registry it owns and the dead letters, and uses its own consumer group.
     */
    public static List<AclBinding> acls() {
        List<AclBinding> acls = new ArrayList<>();
        for (Service service : Service.values()) {
            String principal = service.id();
            read(acls, principal, PatternType.PREFIXED, HopTopic.prefixes(service.consumes()).toArray(String[]::new));
            read(acls, principal, PatternType.LITERAL, service.reads().toArray(String[]::new));
            write(acls, principal, PatternType.PREFIXED, HopTopic.prefixes(service.sends()).toArray(String[]::new));
            service.registry().ifPresent(registry -> write(acls, principal, PatternType.LITERAL, registry.topic()));
            write(acls, principal, PatternType.LITERAL, Topics.DEAD_LETTER);
            acls.add(allow(principal, new ResourcePattern(ResourceType.GROUP, service.group(), PatternType.LITERAL),
                    AclOperation.READ));
        }
        write(acls, TOKEN_ISSUER, PatternType.LITERAL, Topics.TOKENS_REVOKED);
        // Outside consumers read every topic, in consumer groups of their own (named reader-…), never in a
        // service's group: there they could take its partitions, commit past its hops or fence its members.
        read(acls, READER, PatternType.PREFIXED, ALL_TOPICS);
        acls.add(allow(READER, new ResourcePattern(ResourceType.GROUP, READER_GROUPS, PatternType.PREFIXED),
                AclOperation.READ));
        return acls;
    }

    private static void read(List<AclBinding> acls, String principal, PatternType type, String... topics) {
        for (String topic : topics) {
            acls.add(allow(principal, new ResourcePattern(ResourceType.TOPIC, topic, type), AclOperation.READ));
        }
    }

    private static void write(List<AclBinding> acls, String principal, PatternType type, String... topics) {
        for (String topic : topics) {
            acls.add(allow(principal, new ResourcePattern(ResourceType.TOPIC, topic, type), AclOperation.WRITE));
        }
    }

    private static AclBinding allow(String principal, ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry("User:" + principal, "*", operation,
                AclPermissionType.ALLOW));
    }
}
