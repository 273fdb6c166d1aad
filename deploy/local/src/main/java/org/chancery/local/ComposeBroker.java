package org.chancery.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;

/**
 * The compose broker closed by the launcher's table ({@link BrokerAccess}): the JAAS file it
 * starts with (the {@value BrokerAccess#ADMIN} user, with PLAIN, for the broker's own connections
 * and the init step; SCRAM for everyone else), the admin's client configuration, and the script
 * the init step runs to make each principal's SCRAM credentials and grants. Both are generated into {@code deploy/compose} from
 * the LOCAL DEMO passwords in {@code deploy/compose/keys}; {@code make test} checks they are up to
 * date.
 */
public final class ComposeBroker {

    static final String JAAS = "broker-jaas.conf";
    static final String ADMIN = "broker-admin.properties";
    static final String GRANTS = "broker-grants.sh";
    private static final String MADE_BY = "Made by: java -jar deploy/local/target/chancery-local.jar compose-broker";

    private ComposeBroker() {
    }

    /** Writes the files into {@code folder}, from the passwords in {@code folder/keys}. */
    public static void write(Path folder) throws IOException {
        for (Map.Entry<String, String> file : files(folder).entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue());
        }
    }

    /** The files as they should be, by name, from the passwords in {@code folder/keys}. */
    public static Map<String, String> files(Path folder) throws IOException {
        BrokerAccess access = BrokerAccess.in(folder);
        Map<String, String> files = new LinkedHashMap<>();
        files.put(JAAS, jaas(access));
        files.put(ADMIN, "# " + MADE_BY + "\n# LOCAL DEMO password: the admin's login, for the init step and the health check.\n"
                + "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config="
                + "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + BrokerAccess.ADMIN
                + "\" password=\"" + access.password(BrokerAccess.ADMIN) + "\";\n");
        files.put(GRANTS, grants(access));
        return files;
    }

    static String jaas(BrokerAccess access) {
        String admin = access.password(BrokerAccess.ADMIN);
        return "// " + MADE_BY + "\n"
                + "// LOCAL DEMO passwords (deploy/compose/keys): the compose broker's own login and its admin.\n"
                + "KafkaServer {\n"
                + "    org.apache.kafka.common.security.plain.PlainLoginModule required\n"
                + "    username=\"" + BrokerAccess.ADMIN + "\" password=\"" + admin + "\"\n"
                + "    user_" + BrokerAccess.ADMIN + "=\"" + admin + "\";\n"
                + "    org.apache.kafka.common.security.scram.ScramLoginModule required;\n"
                + "};\n";
    }

    static String grants(BrokerAccess access) {
        StringBuilder script = new StringBuilder("#!/bin/bash\n# " + MADE_BY + "\n"
                + "# Each principal's SCRAM credentials (LOCAL DEMO passwords, deploy/compose/keys) and what it may do:\n"
                + "# the grants of the launcher's broker (BrokerAccess). Run by kafka-init as admin; safe to run again.\n"
                + "set -euo pipefail\n"
                + "bootstrap=\"${BOOTSTRAP_SERVERS:-kafka:29092}\"\n"
                + "admin=\"${ADMIN_CONFIG:-/etc/kafka/secrets/" + ADMIN + "}\"\n\n"
                + "user() {\n"
                + "  /opt/kafka/bin/kafka-configs.sh --bootstrap-server \"$bootstrap\" --command-config \"$admin\" --alter \\\n"
                + "    --entity-type users --entity-name \"$1\" --add-config \"" + BrokerAccess.MECHANISM + "=[password=$2]\"\n"
                + "}\n\n"
                + "# allow PRINCIPAL OPERATION RESOURCE-TYPE PATTERN-TYPE NAME...\n"
                + "allow() {\n"
                + "  local principal=$1 operation=$2 type=$3 pattern=$4\n"
                + "  shift 4\n"
                + "  local names=()\n"
                + "  for name in \"$@\"; do names+=(\"--$type\" \"$name\"); done\n"
                + "  /opt/kafka/bin/kafka-acls.sh --bootstrap-server \"$bootstrap\" --command-config \"$admin\" --add \\\n"
                + "    --allow-principal \"User:$principal\" --operation \"$operation\" --resource-pattern-type \"$pattern\" \\\n"
                + "    \"${names[@]}\"\n"
                + "}\n\n");
        for (String principal : BrokerAccess.principals()) {
            if (!principal.equals(BrokerAccess.ADMIN)) {
                script.append("user ").append(principal).append(" '").append(access.password(principal)).append("'\n");
            }
        }
        script.append('\n');
        // One call per principal, operation, resource type and pattern type (each starts a JVM), sorted:
        // the table's order depends on the iteration of unordered maps.
        Map<String, Set<String>> calls = new TreeMap<>();
        for (AclBinding acl : BrokerAccess.acls()) {
            String call = "allow " + acl.entry().principal().substring("User:".length()) + " "
                    + KafkaUsers.operation(acl) + " "
                    + acl.pattern().resourceType().name().toLowerCase(Locale.ROOT) + " "
                    + acl.pattern().patternType().name().toLowerCase(Locale.ROOT);
            calls.computeIfAbsent(call, c -> new TreeSet<>()).add(acl.pattern().name());
        }
        calls.forEach((call, names) -> script.append(call).append(names.stream().map(name -> " '" + name + "'")
                .collect(Collectors.joining())).append('\n'));
        script.append("echo \"principals and grants ready\"\n");
        return script.toString();
    }
}
