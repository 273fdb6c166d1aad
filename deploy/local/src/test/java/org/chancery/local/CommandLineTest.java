package org.chancery.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The launcher's command line: what it refuses, and the help each command gives. */
class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void anUnknownOptionIsAnErrorWithTheUsage() {
        assertEquals(2, execute("run", "--kafka-prot", "9999"));
        assertTrue(err.toString().startsWith("chancery: Unknown options: '--kafka-prot', '9999'"), err.toString());
        assertTrue(err.toString().contains("Possible solutions: --kafka-port"), err.toString());
        assertTrue(err.toString().contains("Usage: java -jar chancery-local.jar run"), err.toString());
    }

    @Test
    void aMissingValueIsAnError() {
        assertEquals(2, execute("token", "--state"));
        assertTrue(err.toString().contains("Missing required parameter for option '--state'"), err.toString());
        assertTrue(err.toString().contains("Usage: java -jar chancery-local.jar token"), err.toString());
    }

    @Test
    void aNumberMustBeANumber() {
        assertEquals(2, execute("run", "--replicas", "three"));
        assertTrue(err.toString().contains("'three' is not an int"), err.toString());
    }

    @Test
    void anUnknownCommandOrNoneIsAnError() {
        assertEquals(2, execute("start"));
        assertTrue(err.toString().contains("Unmatched argument at index 0: 'start'"), err.toString());
        assertEquals(2, execute());
        assertTrue(err.toString().contains("give a command"), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "broker", "postgres", "keys", "rotate-bag", "secrets", "kafka-users",
            "compose-broker", "compose-init", "token", "revoke", "demo"})
    void everyCommandHasItsHelp(String command) {
        assertEquals(0, execute(command, "--help"));
        assertTrue(out.toString().startsWith("Usage: java -jar chancery-local.jar " + command), out.toString());
    }

    @Test
    void composeInitNeedsItsBrokerAndFindsTheAdminsLoginInHome() {
        assertEquals(2, execute("compose-init"));
        assertTrue(err.toString().contains("Missing required option: '--bootstrap=<bootstrap>'"), err.toString());
        assertEquals(2, execute("compose-init", "--bootstrap", "kafka:29092", "--wait", "0"));
        assertTrue(err.toString().endsWith("chancery: --wait is a number of seconds, at least 1\n"), err.toString());
        Main.ComposeInitCommand init = Main.commandLine(name -> null).parseArgs("compose-init", "--bootstrap",
                "kafka:29092", "--home", "/compose").subcommand().commandSpec().commandLine().getCommand();
        assertEquals(Path.of("/compose/broker-admin.properties"), init.adminConfig());
        assertEquals(60, init.waitSeconds);
        init = Main.commandLine(name -> null).parseArgs("compose-init", "--bootstrap", "kafka:29092",
                "--admin-config", "/elsewhere/admin.properties").subcommand().commandSpec().commandLine().getCommand();
        assertEquals(Path.of("/elsewhere/admin.properties"), init.adminConfig());
        assertEquals(Path.of("deploy/compose"), init.home);
    }

    /** The keys folder is the compose file's, mounted read-only: a password compose-init made would be no one's. */
    @Test
    void composeInitNeverMakesAMissingPassword(@TempDir Path home) throws Exception {
        BrokerAccess.in(home);
        ComposeBroker.write(home);
        Path reader = home.resolve("keys").resolve("kafka-reader.password");
        Files.delete(reader);
        assertEquals(2, execute("compose-init", "--bootstrap", "127.0.0.1:9", "--home", home.toString()));
        assertEquals("chancery: no password for the broker principal reader: " + reader + " is missing or empty\n",
                err.toString());
        assertFalse(Files.exists(reader));
    }

    @Test
    void theTopHelpListsEveryCommand() {
        assertEquals(0, execute("--help"));
        for (String command : new String[] {"run", "broker", "postgres", "token", "revoke", "demo"}) {
            assertTrue(out.toString().contains("  " + command + " "), command + " in " + out);
        }
    }

    @Test
    void aMistakeTheCommandFindsEndsWithTwoAndNoUsage(@TempDir Path home) {
        assertEquals(2, execute("token", "--home", home.toString(), "--state", "usa"));
        assertEquals("chancery: --state is an ISO 3166-1 alpha-3 code such as USA, not usa\n", err.toString());
    }

    @Test
    void aTokenIsIssuedFromTheIssuerInHome(@TempDir Path home) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream standard = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, execute("token", "--home", home.toString(), "--role", "auditor", "--days", "1"));
        } finally {
            System.setOut(standard);
        }
        String token = printed.toString(StandardCharsets.UTF_8).trim();
        assertEquals(3, token.split("\\.").length, token);
        assertTrue(Files.exists(home.resolve("keys")), "the issuer's key kept in " + home);
    }

    @Test
    void theEnvironmentGivesDefaultsToRunButNotToThePiecesItStarts() {
        Map<String, String> env = Map.of("CHANCERY_KAFKA_PORT", "9192", "CHANCERY_HOME", " ", "CHANCERY_PORT", "1234",
                "CHANCERY_REPLICAS", "3");
        CommandLine line = Main.commandLine(env::get);
        Main.Run run = line.parseArgs("run").subcommand().commandSpec().commandLine().getCommand();
        assertEquals(9192, run.kafkaPort);
        assertEquals(3, run.replicas);
        assertEquals(Path.of(".run"), run.home, "a blank variable is no value");
        Main.Broker broker = Main.commandLine(env::get).parseArgs("broker").subcommand().commandSpec().commandLine()
                .getCommand();
        assertEquals(9092, broker.port, "the broker reads its command line only");
        assertEquals(1, broker.replicationFactor);
    }

    @Test
    void anArgumentStartingWithAtIsTakenAsGiven() {
        Main.Revoke revoke = Main.commandLine(name -> null).parseArgs("revoke", "--token", "@/no/such/file").subcommand()
                .commandSpec().commandLine().getCommand();
        assertEquals("@/no/such/file", revoke.given);
    }

    @Test
    void theVersionIsTheBuilds() {
        assertEquals(0, execute("--version"));
        assertTrue(out.toString().matches("chancery-local \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), out.toString());
    }
}
