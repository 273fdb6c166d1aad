package org.chancery.embassy.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.chancery.embassy.domain.Missions;
import org.chancery.events.Topics;
import org.chancery.outbox.Outbox;
import org.chancery.outbox.OutboxRecord;
import org.chancery.outbox.StatePublisher;
import org.jboss.logging.Logger;

/** Publishes the missions on {@code chancery.registry.missions} at start, for ministries to plan with. */
@ApplicationScoped
public class MissionRegistry {

    private static final Logger LOG = Logger.getLogger(MissionRegistry.class);

    @Inject
    Missions missions;

    @Inject
    StatePublisher publisher;

    @Inject
    Outbox outbox;

    void publishAtStart(@Observes StartupEvent event) {
        Map<String, ?> entries = missions.all();
        List<OutboxRecord> records = QuarkusTransaction.requiringNew().call(() ->
                publisher.snapshot(Topics.REGISTRY_MISSIONS, "chancery.registry.mission", entries));
        try {
            outbox.publish(records);
            LOG.infof("published %d missions on %s", entries.size(), Topics.REGISTRY_MISSIONS);
        } catch (Outbox.PublishFailedException e) {
            LOG.warnf("missions not published yet; the outbox tries again: %s", e.getMessage());
        }
    }
}
