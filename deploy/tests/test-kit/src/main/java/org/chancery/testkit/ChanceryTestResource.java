package org.chancery.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.chancery.local.BrokerAccess;

/**
 * For a service's {@code @QuarkusTest}s: a real Kafka broker and an empty PostgreSQL database,
 * both gone when the tests end, and the run's signing key and token issuer ({@link TestKeys}); the
 * tests' REST Assured requests carry the token of the party that would make them ({@link TestAuth}).
 */
public class ChanceryTestResource implements QuarkusTestResourceLifecycleManager {

    private Path home;
    private TestBroker broker;
    private FreshDatabase database;

    @Override
    public Map<String, String> start() {
        try {
            home = Files.createTempDirectory("chancery-test");
            broker = TestBroker.start(home);
            database = FreshDatabase.create(home);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("could not start the broker and database for the tests", e);
        }
        TestAuth.install(TestKeys.tokens());
        Map<String, String> config = new HashMap<>(TestKeys.config());
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        // The service under test logs in as the operator: its tests play the other parties too.
        broker.login(BrokerAccess.ADMIN).forEach((key, value) -> config.put("kafka." + key, value.toString()));
        config.put("quarkus.datasource.jdbc.url", database.url());
        config.put("quarkus.datasource.username", database.user());
        config.put("quarkus.datasource.password", database.password());
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A temporary folder; the system cleans it eventually.
            }
        }
    }
}
