package org.chancery.protectingpower.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.chancery.events.Topics;
import org.chancery.messaging.StatePublisher;
import org.chancery.protectingpower.domain.Mandates;

/** Publishes the mandates on {@code chancery.registry.mandates} at start, for ministries to plan with. */
@ApplicationScoped
public class MandateRegistry {

    @Inject
    Mandates mandates;

    @Inject
    StatePublisher publisher;

    void publishAtStart(@Observes StartupEvent event) {
        publisher.publishSnapshot(Topics.REGISTRY_MANDATES, "chancery.registry.mandate", mandates::byKey);
    }
}
