package org.chancery.audit.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.chancery.events.Service;
import org.chancery.events.Topics;
import org.chancery.events.registry.Mandate;
import org.chancery.events.registry.Mandates;
import org.chancery.messaging.Database;
import org.chancery.messaging.DeadLetters;
import org.chancery.messaging.HopSigning;
import org.chancery.messaging.Publisher;
import org.chancery.messaging.TopicTable;
import org.jboss.logging.Logger;

/**
 * Every version of the mandates the protecting-power service published, kept in the audit's
 * database for good, so that a third state's hop is judged against the mandates as they stood when
 * it moved, not as they stand when its path is read. A version counts from the time the broker
 * appended it (the registry topics are stamped so), never from an earlier time its writer signed:
 * whoever holds the protecting-power service's key cannot make a mandate have been in force before
 * it was published. The topic is read from its beginning at every start; a version is stored once,
 * by key and version, so a genuine record replayed is the same row again and changes nothing. A record the protecting-power service did not sign is set aside; a
 * version is checked again as stored whenever it is read, so that a mandate written into the audit's
 * database by hand never counts.
 */
@ApplicationScoped
public class MandateHistory {

    private static final Logger LOG = Logger.getLogger(MandateHistory.class);
    /** How long a reading of a path waits for the mandates at a start before the audit says it cannot answer yet. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    HopSigning signing;

    @Inject
    Publisher publisher;

    @Inject
    ObjectMapper json;

    @Inject
    Database database;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private TopicTable table;
    private volatile boolean open = true;

    void start(@Observes StartupEvent event) {
        table = new TopicTable(kafka, "audit-mandates", List.of(Topics.REGISTRY_MANDATES), this::keep).start();
    }

    void stop(@Observes ShutdownEvent event) {
        open = false;
        if (table != null) {
            table.close();
        }
    }

    /** Whether everything on the topic when the audit started is kept. */
    public boolean caughtUp() {
        return table != null && table.caughtUp();
    }

    /**
     * The mandates as they stood at {@code at}: each key's latest version published by then, keys
     * given up left out, and so is a key whose latest version is not, as stored, what the
     * protecting-power service signed.
     */
    public Mandates at(Instant at) {
        mustHaveCaughtUp();
        return (sending, receiving) -> {
            List<Mandate> mandates = new ArrayList<>();
            query("select distinct on (mandate_key) mandate_key, version, entry, version_header, signature"
                    + " from mandate_version where sending = ? and receiving = ? and known_from <= ?"
                    + " order by mandate_key, version desc", statement -> {
                statement.setString(1, sending);
                statement.setString(2, receiving);
                statement.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            }, row -> {
                String key = row.getString(1);
                Instant version = row.getObject(2, OffsetDateTime.class).toInstant();
                String entry = row.getString(3);
                HopSigning.RegistryRecordCheck check = signing.checkRegistryRecord(Topics.REGISTRY_MANDATES, key,
                        row.getString(4), entry, row.getString(5));
                // The version, and the pair the row is filed under, are the signed record's too.
                boolean asSigned = check.authenticity().genuine() && sameMicrosecond(version, check.version())
                        && Mandate.pairOf(key).equals(List.of(sending, receiving));
                if (!asSigned) {
                    LOG.warnf("mandate %s of %s, as stored, is not what the protecting-power service signed (%s):"
                            + " it does not count", key, version, check.authenticity());
                } else if (entry != null) {
                    mandates.add(mandate(entry));
                }
            });
            return mandates;
        };
    }

    /** The database keeps a version to the microsecond. */
    private static boolean sameMicrosecond(Instant stored, Instant signed) {
        return signed != null && Math.abs(Duration.between(stored, signed).toNanos()) < 1_000;
    }

    /** When the audit's record of mandates between two states (either way) begins, if it holds any. */
    public Optional<Instant> firstKnown(String one, String other) {
        List<Instant> first = new ArrayList<>();
        query("select min(known_from) from mandate_version where (sending = ? and receiving = ?)"
                + " or (sending = ? and receiving = ?)", statement -> {
            statement.setString(1, one);
            statement.setString(2, other);
            statement.setString(3, other);
            statement.setString(4, one);
        }, row -> {
            OffsetDateTime known = row.getObject(1, OffsetDateTime.class);
            if (known != null) {
                first.add(known.toInstant());
            }
        });
        return first.stream().findFirst();
    }

    private interface SqlStep<T> {
        void accept(T value) throws SQLException;
    }

    private void query(String sql, SqlStep<PreparedStatement> bind, SqlStep<ResultSet> row) {
        database.call(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind.accept(statement);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        row.accept(rows);
                    }
                }
            }
            return null;
        });
    }

    /** The audit cannot judge a third state's hop before it has read the mandates: it waits a little, then says so. */
    private void mustHaveCaughtUp() {
        try {
            if (table != null && table.awaitCaughtUp(PATIENCE)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new NotReadYet();
    }

    /** The registry of mandates has not been read since the audit started. */
    public static class NotReadYet extends RuntimeException {
        NotReadYet() {
            super("the audit has not yet read the registry of mandates since it started: try again shortly", null,
                    false, false);
        }
    }

    private void keep(ConsumerRecord<String, String> record) {
        HopSigning.RegistryRecordCheck check = signing.checkRegistryRecord(record);
        if (!check.authenticity().genuine()) {
            setAside(record, "not a registry record of " + Topics.REGISTRY_OWNERS.get(record.topic()) + ": "
                    + check.authenticity());
            return;
        }
        if (record.value() == null && !isMandateKey(record.key())) {
            // The owner's tombstone over a stranger's key (RegistryGuard): no mandate to keep.
            return;
        }
        List<String> pair;
        try {
            pair = Mandate.pairOf(record.key());
            if (record.value() != null && !record.key().equals(mandate(record.value()).key())) {
                throw new IllegalArgumentException("its key '" + record.key() + "' does not name the entry it holds");
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            setAside(record, "not a readable mandate: " + e.getMessage());
            return;
        }
        Instant version = check.version();
        // The broker's stamp, which no writer chooses; a topic of an earlier release has none: now, then.
        Instant known = record.timestampType() == TimestampType.LOG_APPEND_TIME ? Instant.ofEpochMilli(record.timestamp())
                : Instant.now();
        Instant knownFrom = known.isAfter(version) ? known : version;
        // A version not kept would be lost for good once compaction drops it: while the database is
        // out of reach, the table waits for it; a version the database refuses is set aside.
        for (int attempt = 1; open; attempt++) {
            try {
                store(record, version, knownFrom, pair);
                return;
            } catch (Database.DatabaseException e) {
                if (!outOfReach((SQLException) e.getCause())) {
                    setAside(record, "not kept: " + e.getMessage());
                    return;
                }
                if (attempt % 30 == 1) {
                    LOG.warnf("mandate %s of %s not kept yet, trying again every second: %s", record.key(), version, e);
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** No connection to be had, or the server going away (SQL states 08, 53, 57): worth waiting for. */
    private static boolean outOfReach(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException || state == null || state.startsWith("08")
                || state.startsWith("53") || state.startsWith("57");
    }

    private void store(ConsumerRecord<String, String> record, Instant version, Instant knownFrom, List<String> pair) {
        database.call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into mandate_version (mandate_key,"
                    + " version, known_from, sending, receiving, entry, version_header, signature)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
                insert.setString(1, record.key());
                insert.setObject(2, OffsetDateTime.ofInstant(version, ZoneOffset.UTC));
                insert.setObject(3, OffsetDateTime.ofInstant(knownFrom, ZoneOffset.UTC));
                insert.setString(4, pair.get(0));
                insert.setString(5, pair.get(1));
                insert.setString(6, record.value());
                insert.setString(7, HopSigning.versionOf(record));
                insert.setString(8, HopSigning.signatureOf(record));
                return insert.executeUpdate();
            }
        });
    }

    private static boolean isMandateKey(String key) {
        try {
            Mandate.pairOf(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Mandate mandate(String entry) {
        try {
            return json.readValue(entry, Mandate.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void setAside(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("mandate record %s goes to the dead-letter topic: %s", record.key(), reason);
        try {
            publisher.sendAll(List.of(DeadLetters.of(record, Service.AUDIT.id(), reason)));
        } catch (Publisher.PublishFailedException unavailable) {
            LOG.warnf("mandate record %s not set aside yet: %s", record.key(), unavailable.getMessage());
        }
    }
}
