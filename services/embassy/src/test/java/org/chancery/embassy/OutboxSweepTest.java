package org.chancery.embassy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chancery.events.Topics;
import org.chancery.messaging.Outbox;
import org.chancery.messaging.OutboxRecord;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The outbox's sweep among replicas: a record left by a crash is published by one replica's sweep,
 * never by two. Another replica's sweep is played by a second database connection holding the row;
 * this replica's own schedule is off, and the test sweeps when it means to.
 */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
@TestProfile(OutboxSweepTest.SweptByHand.class)
class OutboxSweepTest {

    public static class SweptByHand implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chancery.outbox.sweep-every", "off");
        }
    }

    static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @Inject
    Outbox outbox;

    @Test
    void aRecordAnotherReplicaIsSweepingIsLeftToItAndPublishedOnce() throws Exception {
        UUID id = UUID.randomUUID();
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        OutboxRecord left = new OutboxRecord(id, null, Topics.DEAD_LETTER, id.toString(), "chancery.test.left",
                anHourAgo, "{\"left\":\"by a crash\"}", null, anHourAgo);
        QuarkusTransaction.requiringNew().run(() -> outbox.store(List.of(left)));
        Predicate<ConsumerRecord<String, String>> published = r -> id.toString().equals(r.key());

        try (TopicProbe deadLetters = TopicProbe.on(bootstrap, Topics.DEAD_LETTER);
                Connection otherReplica = DriverManager.getConnection(url, user, password.orElse(""))) {
            otherReplica.setAutoCommit(false);
            try (PreparedStatement claim = otherReplica.prepareStatement(
                    "select event_id from embassy.outbox where event_id = ? for update")) {
                claim.setObject(1, id);
                claim.executeQuery().close();
            }
            outbox.sweep();
            assertEquals(List.of(), deadLetters.settle(published, Duration.ofSeconds(2)),
                    "the row another replica holds is not published here");

            // The other replica dies mid-sweep: its claim ends with its transaction, and this one sweeps.
            otherReplica.rollback();
            outbox.sweep();
            deadLetters.await(published, 1, WAIT);
            assertEquals(1, deadLetters.settle(published, Duration.ofSeconds(2)).size(), "published once");
            try (PreparedStatement row = otherReplica.prepareStatement(
                    "select count(*) from embassy.outbox where event_id = ?")) {
                row.setObject(1, id);
                try (ResultSet count = row.executeQuery()) {
                    count.next();
                    assertEquals(0, count.getInt(1), "deleted in the sweep's transaction");
                }
            }
        }
    }
}
