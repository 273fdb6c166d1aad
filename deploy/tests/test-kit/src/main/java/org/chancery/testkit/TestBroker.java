package org.chancery.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.chancery.local.BrokerAccess;
import org.chancery.local.ChildProcess;
import org.chancery.local.Pieces;
import org.chancery.local.StackSettings;

/** A real Kafka broker for one test run, in its own JVM on free ports, with Chancery's topics, closed as in make run. */
public final class TestBroker implements AutoCloseable {

    private final ChildProcess process;
    private final String bootstrapServers;
    private final BrokerAccess access;

    private TestBroker(ChildProcess process, String bootstrapServers, BrokerAccess access) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.access = access;
    }

    /** How a client logs in as {@code principal}. */
    public Map<String, Object> login(String principal) {
        return access.clientConfig(principal);
    }

    public static TestBroker start(Path home) throws Exception {
        int port = StackSettings.freePort();
        ChildProcess process = Pieces.kafka(home, port, StackSettings.freePort(), StackSettings.freePort(), false, System.out);
        process.start();
        process.awaitReady(Duration.ofSeconds(120));
        TestBroker broker = new TestBroker(process, "127.0.0.1:" + port, BrokerAccess.in(home));
        BrokerClients.register(broker.bootstrapServers(), broker.login(BrokerAccess.ADMIN));
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}
