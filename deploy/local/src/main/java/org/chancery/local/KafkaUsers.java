package org.chancery.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.acl.AclBinding;

/**
 * {@link BrokerAccess}'s principals and grants as Strimzi {@code KafkaUser} resources, for
 * {@code deploy/k8s/kafka-users.yaml}: the cluster's broker is closed by the same table as the
 * launcher's. The services and the token issuer log in with SCRAM-SHA-512, {@code reader} (outside
 * consumers) with a client certificate; {@code admin} is Strimzi's own. Strimzi puts each user's
 * credentials in a Secret of the user's name.
 */
public final class KafkaUsers {

    private KafkaUsers() {
    }

    public static String yaml() {
        Map<String, List<Map<String, Object>>> byPrincipal = new LinkedHashMap<>();
        for (AclBinding acl : BrokerAccess.acls()) {
            byPrincipal.computeIfAbsent(acl.entry().principal().substring("User:".length()), p -> new ArrayList<>())
                    .add(acl(acl));
        }
        List<Map<String, Object>> users = new ArrayList<>();
        byPrincipal.forEach((principal, acls) -> {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("apiVersion", "kafka.strimzi.io/v1");
            user.put("kind", "KafkaUser");
            user.put("metadata", ordered("name", principal, "namespace", ClusterSecrets.NAMESPACE,
                    "labels", Map.of("strimzi.io/cluster", "chancery")));
            user.put("spec", ordered("authentication", Map.of("type",
                            BrokerAccess.READER.equals(principal) ? "tls" : "scram-sha-512"),
                    "authorization", ordered("type", "simple", "acls", acls)));
            users.add(user);
        });
        return YamlDocuments.of("Made by: java -jar deploy/local/target/chancery-local.jar kafka-users\n"
                + "from the grants of the launcher's broker (BrokerAccess); make test checks it is up to date.", users);
    }

    private static Map<String, Object> acl(AclBinding acl) {
        return ordered("resource", ordered("type", acl.pattern().resourceType().name().toLowerCase(Locale.ROOT),
                        "name", acl.pattern().name(),
                        "patternType", acl.pattern().patternType().name().equals("PREFIXED") ? "prefix" : "literal"),
                "operations", List.of(operation(acl)), "host", "*");
    }

    /** A map in the order given: name, value, name, value... */
    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** READ as Strimzi and the Kafka tools spell it: Read. */
    private static String operation(AclBinding acl) {
        String name = acl.entry().operation().name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }
}
