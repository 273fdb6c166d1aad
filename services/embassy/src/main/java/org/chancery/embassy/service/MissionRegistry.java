package org.chancery.embassy.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.chancery.embassy.domain.Missions;
import org.chancery.events.Topics;
import org.chancery.messaging.StatePublisher;

/** Publishes the missions on {@code chancery.registry.missions} at start, for ministries to plan with. */
@ApplicationScoped
public class MissionRegistry {

    @Inject
    Missions missions;

    @Inject
    StatePublisher publisher;

    void publishAtStart(@Observes StartupEvent event) {
        publisher.publishSnapshot(Topics.REGISTRY_MISSIONS, "chancery.registry.mission", missions::all);
    }
}
