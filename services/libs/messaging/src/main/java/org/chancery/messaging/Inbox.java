package org.chancery.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/** The consumed hops this service has processed: what makes a redelivery change nothing. */
@ApplicationScoped
public class Inbox {

    static final Batch<UUID> PROCESSED = Batch.<UUID>columns()
            .uuid("event_id", id -> id)
            .statement("insert into processed_event ({columns}, processed_at) select *, now() from {rows} "
                    + "on conflict do nothing returning event_id");

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
        return database.call(connection -> PROCESSED.executeReturning(connection, eventIds, UUID.class));
    }
}
