package org.chancery.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/** The consumed hops this service has processed. */
@ApplicationScoped
public class Inbox {

    @Inject
    EntityManager em;

    /** Records the hop as processed; false if it already was (a redelivery). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(UUID eventId) {
        return em.createNativeQuery("insert into processed_event (event_id, processed_at) values (?1, ?2) "
                        + "on conflict do nothing")
                .setParameter(1, eventId)
                .setParameter(2, Instant.now())
                .executeUpdate() == 1;
    }
}
