package org.chancery.access;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chancery.events.Topics;
import org.chancery.messaging.Database;
import org.chancery.messaging.DeadLetters;
import org.chancery.messaging.Publisher;
import org.chancery.messaging.TopicTable;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The access tokens revoked before they expire, read whole from {@link Topics#TOKENS_REVOKED}.
 * A revocation counts only if the token issuer signed it (the key the service verifies tokens
 * with) for the audience {@link Revocation#AUDIENCE}, and its record is keyed by the id it
 * revokes; anything else is dead-lettered and revokes nothing. A revocation of a token that has
 * expired is moot and dropped.
 *
 * <p>The topic is not the only copy: each revocation read is kept in the service's database until
 * its token expires, and read back at start. A broker that lost its data, or a tombstone written
 * over the revocation (compaction then removes both), takes nothing back.
 */
@ApplicationScoped
public class TokenRevocations {

    private static final Logger LOG = Logger.getLogger(TokenRevocations.class);

    @Inject
    JWTAuthContextInfo authContext;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    Publisher publisher;

    @Inject
    Database database;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    /** Revoked token id → when the token expires (epoch seconds). */
    private final Map<String, Long> revoked = new ConcurrentHashMap<>();
    private DefaultJWTParser parser;
    private TopicTable table;

    void start(@Observes StartupEvent event) {
        JWTAuthContextInfo revocations = new JWTAuthContextInfo(authContext);
        revocations.setExpectedAudience(Set.of(Revocation.AUDIENCE));
        parser = new DefaultJWTParser(revocations);
        readKept();
        table = new TopicTable(kafka, service + "-revoked-tokens", List.of(Topics.TOKENS_REVOKED), this::apply).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (table != null) {
            table.close();
        }
    }

    /** Whether every revocation on the topic when the service started has been read. */
    public boolean caughtUp() {
        return table != null && table.caughtUp();
    }

    public boolean isRevoked(JsonWebToken token) {
        String id = token.getTokenID();
        return id != null && revoked.containsKey(id);
    }

    /** The revocations kept before this start, less those whose tokens have expired since. */
    private void readKept() {
        database.call(connection -> {
            try (PreparedStatement expired = connection.prepareStatement(
                    "delete from revoked_token where expires_at <= now()")) {
                expired.executeUpdate();
            }
            try (PreparedStatement kept = connection.prepareStatement("select token_id, expires_at from revoked_token");
                    ResultSet rows = kept.executeQuery()) {
                while (rows.next()) {
                    revoked.put(rows.getString(1), rows.getTimestamp(2).toInstant().getEpochSecond());
                }
            }
            return null;
        });
        LOG.infof("%d revoked tokens kept from before", revoked.size());
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            LOG.warnf("a tombstone for revocation %s takes nothing back: it is kept until its token expires", record.key());
            return;
        }
        try {
            Revocation revocation = Revocation.read(parser, record.value());
            if (!revocation.tokenId().equals(record.key())) {
                throw new ParseException("its key '" + record.key() + "' is not the id it revokes, '"
                        + revocation.tokenId() + "'");
            }
            revoked.put(revocation.tokenId(), revocation.expiresAt());
            keep(revocation, record.value());
            LOG.infof("token %s of %s revoked", revocation.tokenId(), revocation.subject());
        } catch (Revocation.Moot moot) {
            return;
        } catch (ParseException e) {
            LOG.warnf("revocation %s goes to the dead-letter topic: %s", record.key(), e.getMessage());
            try {
                publisher.sendAll(List.of(DeadLetters.of(record, service, "not a revocation signed by the token issuer: "
                        + e.getMessage())));
            } catch (Publisher.PublishFailedException unavailable) {
                LOG.warnf("revocation %s not set aside yet: %s", record.key(), unavailable.getMessage());
            }
        }
        long now = Instant.now().getEpochSecond();
        revoked.values().removeIf(expiry -> expiry <= now);
    }

    /**
     * Kept before the record is done with; should the database refuse, the token is still refused
     * while the service runs and the topic still holds the revocation, so the error is logged only.
     */
    private void keep(Revocation revocation, String signed) {
        try {
            database.call(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("insert into revoked_token "
                        + "(token_id, subject, expires_at, revocation) values (?, ?, ?, ?) on conflict do nothing")) {
                    insert.setString(1, revocation.tokenId());
                    insert.setString(2, revocation.subject());
                    insert.setTimestamp(3, Timestamp.from(Instant.ofEpochSecond(revocation.expiresAt())));
                    insert.setString(4, signed);
                    return insert.executeUpdate();
                }
            });
        } catch (Database.DatabaseException e) {
            LOG.errorf("revocation %s not kept in the database: %s", revocation.tokenId(), e.getMessage());
        }
    }
}
