package org.chancery.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The transactional outbox. A service stores the records it emits in the same transaction as the
 * state change they report ({@link #store}), then publishes them once that transaction has
 * committed ({@link #publish}). A record is deleted only after the broker acknowledged it, by
 * {@link #forgetPublished} a moment later, many in one statement, so that the work of a batch is
 * one transaction and not two; one left behind by a crash is published again by {@link #sweep},
 * byte for byte, so that consumers recognise it by its event id, by one replica of the service.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    /** Deleted in one statement at most (the rest in the next round). */
    private static final int FORGET_BATCH = 5000;
    /** The records as stored, and read back ({@link #select}) in the same order. */
    static final Batch<OutboxRecord> RECORDS = Batch.<OutboxRecord>columns()
            .uuid("event_id", OutboxRecord::eventId)
            .uuid("caused_by", OutboxRecord::causedBy)
            .text("topic", OutboxRecord::topic)
            .text("record_key", OutboxRecord::key)
            .text("ce_type", OutboxRecord::ceType)
            .timestamptz("ce_time", OutboxRecord::ceTime)
            .text("payload", OutboxRecord::payload)
            .text("traceparent", OutboxRecord::traceparent)
            .timestamptz("created_at", OutboxRecord::createdAt)
            .insertInto("outbox");

    @Inject
    Database database;

    @Inject
    Publisher publisher;

    @Inject
    HopSigning signing;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @ConfigProperty(name = "chancery.outbox.sweep-after")
    Duration sweepAfter;

    /** Published, acknowledged, and not yet deleted: never published again, unless after a restart. */
    private final Set<UUID> published = ConcurrentHashMap.newKeySet();

    /** The record of an emission, its hop signed by this service. */
    public OutboxRecord record(Emission emission, UUID causedBy, String traceparent) {
        if (emission.topic() == null) {
            throw new IllegalArgumentException("hop " + emission.eventId() + " has no lane");
        }
        return new OutboxRecord(emission.eventId(), causedBy, emission.topic(), emission.key(), emission.ceType(),
                emission.time(), emission.hop() == null ? emission.payload() : signing.signedJson(emission.hop()),
                traceparent, Instant.now());
    }

    /** The records of emissions that began here, in the current trace. */
    public List<OutboxRecord> records(List<Emission> emissions) {
        String traceparent = Traces.currentTraceparent();
        return emissions.stream().map(e -> record(e, null, traceparent)).toList();
    }

    /** Stores records to publish after the caller's transaction commits: one statement for all. */
    public List<OutboxRecord> store(List<OutboxRecord> records) {
        if (records.isEmpty()) {
            return records;
        }
        database.call(connection -> RECORDS.execute(connection, records));
        return records;
    }

    /** The records stored for these consumed hops and not yet published, in the order they were stored. */
    public List<OutboxRecord> pendingFor(Collection<UUID> causes) {
        if (causes.isEmpty()) {
            return List.of();
        }
        return unpublished(select("where caused_by = any(?) order by created_at, event_id",
                (connection, query) -> query.setArray(1, SqlArrays.uuids(connection, causes))));
    }

    /** Publishes records, then forgets them; see {@link #publish(List, List)}. */
    public void publish(List<OutboxRecord> records) {
        publish(records, List.of());
    }

    /**
     * Publishes the records, and anything else to send with them (dead letters), back to back,
     * and waits until the broker has acknowledged every one; the records are deleted shortly after.
     * Call it outside any transaction.
     *
     * @throws Publisher.PublishFailedException if any record was not acknowledged
     */
    public void publish(List<OutboxRecord> records, List<ProducerRecord<String, String>> others) {
        List<ProducerRecord<String, String>> sends = new ArrayList<>(records.size() + others.size());
        records.forEach(record -> sends.add(signing.signRegistryRecord(record.toProducerRecord(service))));
        sends.addAll(others);
        publisher.sendAll(sends);
        records.forEach(record -> published.add(record.eventId()));
    }

    /**
     * Publishes the records back to back and waits once; returns those the broker did not
     * acknowledge. The others are deleted shortly after. Call it outside any transaction.
     */
    public List<OutboxRecord> publishEach(List<OutboxRecord> records) {
        List<Throwable> failures = publisher.sendEach(records.stream()
                .map(r -> signing.signRegistryRecord(r.toProducerRecord(service))).toList());
        List<OutboxRecord> unpublished = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (failures.get(i) == null) {
                published.add(records.get(i).eventId());
            } else {
                unpublished.add(records.get(i));
            }
        }
        return unpublished;
    }

    /**
     * Publishes records inside the caller's transaction, which holds them (it stored or claimed
     * them), and deletes them in it: the transaction's locks cover their publication.
     *
     * @throws Publisher.PublishFailedException if any record was not acknowledged
     */
    public void publishWithin(List<OutboxRecord> records) {
        publish(records);
        List<UUID> ids = records.stream().map(OutboxRecord::eventId).toList();
        database.call(connection -> delete(connection, ids));
        ids.forEach(published::remove);
    }

    /**
     * Removes a record that could not be published, in the caller's transaction; false if it is gone
     * already (the sweeper published it meanwhile).
     */
    public boolean withdraw(UUID eventId) {
        return database.call(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("delete from outbox where event_id = ?")) {
                delete.setObject(1, eventId);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /**
     * Deletes the published records in one transaction. Its commit need not wait for the disk: a
     * deletion lost in a crash only means the record is published once more, which every consumer
     * recognises as a redelivery.
     */
    @Scheduled(every = "${chancery.outbox.forget-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetPublished() {
        List<UUID> ids = published.stream().limit(FORGET_BATCH).toList();
        if (ids.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> database.call(connection -> {
                try (Statement relaxed = connection.createStatement()) {
                    relaxed.execute("set local synchronous_commit to off");
                }
                return delete(connection, ids);
            }));
            ids.forEach(published::remove);
        } catch (RuntimeException e) {
            // The database is away: the next round tries again.
            LOG.debugf("published records not deleted yet: %s", e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        forgetPublished();
    }

    /**
     * Publishes what a crash left behind: records older than any send in progress can be. The
     * records are claimed ({@code for update skip locked}) until the broker has them and they are
     * deleted, in one transaction: among replicas, each is swept by one, and a replica that dies
     * meanwhile leaves them to the next sweep. A service that emits nothing (the audit) turns it
     * off: {@code chancery.outbox.sweep-every=off}.
     */
    @Scheduled(every = "${chancery.outbox.sweep-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void sweep() {
        try {
            int swept = QuarkusTransaction.requiringNew().call(() -> {
                List<OutboxRecord> stale = unpublished(select(
                        "where created_at < ? order by created_at, event_id limit 1000 for update skip locked",
                        (connection, query) -> query.setObject(1,
                                java.sql.Timestamp.from(Instant.now().minus(sweepAfter)))));
                if (!stale.isEmpty()) {
                    LOG.infof("publishing %d record(s) left unpublished by an interrupted run", stale.size());
                    publishWithin(stale);
                }
                return stale.size();
            });
            LOG.debugf("%d record(s) swept", swept);
        } catch (Publisher.PublishFailedException e) {
            LOG.warnf("the broker did not take them yet, trying again later: %s", e.getMessage());
        } catch (RuntimeException e) {
            LOG.debugf("the outbox could not be swept yet: %s", e.getMessage());
        }
    }

    private static int delete(java.sql.Connection connection, List<UUID> ids) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from outbox where event_id = any(?)")) {
            delete.setArray(1, SqlArrays.uuids(connection, ids));
            return delete.executeUpdate();
        }
    }

    private List<OutboxRecord> unpublished(List<OutboxRecord> records) {
        return records.stream().filter(record -> !published.contains(record.eventId())).toList();
    }

    @FunctionalInterface
    private interface Parameters {
        void set(java.sql.Connection connection, PreparedStatement query) throws SQLException;
    }

    private List<OutboxRecord> select(String where, Parameters parameters) {
        return database.call(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "select " + RECORDS.names() + " from outbox " + where)) {
                parameters.set(connection, query);
                List<OutboxRecord> records = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        records.add(new OutboxRecord(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                                rows.getString(3), rows.getString(4), rows.getString(5),
                                rows.getTimestamp(6).toInstant(), rows.getString(7), rows.getString(8),
                                rows.getTimestamp(9).toInstant()));
                    }
                }
                return records;
            }
        });
    }
}
