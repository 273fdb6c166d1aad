package org.chancery.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.chancery.local.BrokerAccess;
import org.chancery.local.Stack;
import org.chancery.local.StackSettings;
import org.chancery.testkit.BrokerClients;
import org.chancery.testkit.FreshDatabase;
import org.chancery.testkit.TestAuth;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Chancery as {@code make run} starts it, once for all system tests: the broker, the database and
 * the five packaged services, each its own process, on free ports.
 */
public class RunningSystem implements BeforeAllCallback {

    private static Stack stack;
    private static FreshDatabase database;
    private static TraceCollector traces;
    private static Path logs;

    public static Stack stack() {
        return stack;
    }

    /** Every span the services sent, as an OTLP collector received them. */
    public static TraceCollector traces() {
        return traces;
    }

    /** Where the services write their logs. */
    public static Path logs() {
        return logs;
    }

    /** The database the services use, for a test that acts as another replica would. */
    public static FreshDatabase database() {
        return database;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (stack != null) {
            return;
        }
        Path root = Path.of(System.getProperty("chancery.root", "../../..")).toAbsolutePath().normalize();
        Path home = Files.createTempDirectory(root.resolve("deploy/tests/system-tests/target"), "stack-");
        FreshDatabase db = FreshDatabase.create(home);
        database = db;
        TraceCollector collector = new TraceCollector();
        traces = collector;
        long started = System.nanoTime();
        Map<String, String> env = Map.of(
                "CHANCERY_MINISTRY_RETURN_RULES_FILE",
                root.resolve("deploy/tests/system-tests/src/test/resources/return-rules.json").toString(),
                "CHANCERY_HOTLINE_ANSWER_TIMEOUT", "5s",
                "QUARKUS_OTEL_TRACES_SAMPLER_ARG", "1.0",
                "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
                "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        Stack running = Stack.start(StackSettings.forTests(root, home, db.url(), db.user(), db.password(), env),
                System.out);
        System.out.printf("Chancery up in %.1f s: %s (logs in %s)%n", (System.nanoTime() - started) / 1e9,
                running.readyIn(), home.resolve("logs"));
        stack = running;
        BrokerClients.register(running.bootstrapServers(), running.kafkaClient(BrokerAccess.ADMIN));
        TestAuth.install(running.tokens());
        logs = home.resolve("logs");
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put("chancery-stack",
                (ExtensionContext.Store.CloseableResource) () -> {
                    running.close();
                    db.close();
                    collector.close();
                });
    }
}
