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
        Map<String, List<AclBinding>> byPrincipal = new LinkedHashMap<>();
        for (AclBinding acl : BrokerAccess.acls()) {
            byPrincipal.computeIfAbsent(acl.entry().principal().substring("User:".length()), p -> new ArrayList<>()).add(acl);
        }
        StringBuilder yaml = new StringBuilder("# Made by: java -jar deploy/local/target/chancery-local.jar kafka-users\n"
                + "# from the grants of the launcher's broker (BrokerAccess); make test checks it is up to date.\n");
        byPrincipal.forEach((principal, acls) -> {
            yaml.append("---\napiVersion: kafka.strimzi.io/v1\nkind: KafkaUser\nmetadata:\n  name: ").append(principal)
                    .append("\n  namespace: ").append(ClusterSecrets.NAMESPACE)
                    .append("\n  labels:\n    strimzi.io/cluster: chancery\nspec:\n  authentication:\n    type: ")
                    .append(BrokerAccess.READER.equals(principal) ? "tls" : "scram-sha-512")
                    .append("\n  authorization:\n    type: simple\n    acls:\n");
            for (AclBinding acl : acls) {
                yaml.append("      - resource:\n          type: ").append(acl.pattern().resourceType().name().toLowerCase(Locale.ROOT))
                        .append("\n          name: \"").append(acl.pattern().name()).append("\"\n          patternType: ")
                        .append(acl.pattern().patternType().name().equals("PREFIXED") ? "prefix" : "literal")
                        .append("\n        operations:\n          - ").append(operation(acl)).append("\n        host: \"*\"\n");
            }
        });
        return yaml.toString();
    }

    /** READ as Strimzi and the Kafka tools spell it: Read. */
    static String operation(AclBinding acl) {
        String name = acl.entry().operation().name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }
}
