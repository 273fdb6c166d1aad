package org.chancery.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The compose broker closed by the launcher's table ({@link BrokerAccess}): the JAAS file it
 * starts with (the {@value BrokerAccess#ADMIN} user, with PLAIN, for the broker's own connections
 * and the init step; SCRAM for everyone else) and the admin's client configuration, with which the
 * health check and the init step ({@link ComposeInit}) log in. Both are generated into
 * {@code deploy/compose} from the LOCAL DEMO passwords in {@code deploy/compose/keys}; {@code make
 * test} checks they are up to date.
 */
public final class ComposeBroker {

    static final String JAAS = "broker-jaas.conf";
    /** The admin's client configuration, for the health check and the init step. */
    public static final String ADMIN = "broker-admin.properties";
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
}
