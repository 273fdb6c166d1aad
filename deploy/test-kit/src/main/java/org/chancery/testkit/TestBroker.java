package org.chancery.testkit;

import java.nio.file.Path;
import java.time.Duration;
import org.chancery.local.ChildProcess;
import org.chancery.local.Pieces;
import org.chancery.local.StackSettings;

/** A real Kafka broker for one test run, in its own JVM on free ports, with Chancery's topics. */
public final class TestBroker implements AutoCloseable {

    private final ChildProcess process;
    private final String bootstrapServers;

    private TestBroker(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    public static TestBroker start(Path home) throws Exception {
        int port = StackSettings.freePort();
        ChildProcess process = Pieces.kafka(home, port, StackSettings.freePort(), System.out);
        process.start();
        process.awaitReady(Duration.ofSeconds(120));
        return new TestBroker(process, "127.0.0.1:" + port);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}
