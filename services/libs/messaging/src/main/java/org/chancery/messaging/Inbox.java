package org.chancery.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** The consumed hops this service has processed: what makes a redelivery change nothing. */
@ApplicationScoped
public class Inbox {

    @Inject
    Database database;

    /**
     * Records the hops as processed, in the caller's transaction, with one statement; returns
     * those that were not already (the others are redeliveries).
     */
    public Set<UUID> firstDeliveries(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return database.call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into processed_event (event_id, processed_at) select id, now() from unnest(?::uuid[]) as id "
                            + "on conflict do nothing returning event_id")) {
                insert.setArray(1, SqlArrays.uuids(connection, eventIds));
                Set<UUID> first = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        first.add(rows.getObject(1, UUID.class));
                    }
                }
                return first;
            }
        });
    }
}
