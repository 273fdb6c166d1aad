package org.chancery.messaging;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.chancery.events.Service;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes the registry the service owns ({@link Service#registry()}: the missions, the hotlines,
 * the mandates) at start, from its {@link RegistryEntries}, for ministries to plan with: what changed
 * since it was last published ({@link StatePublisher#publishSnapshot}). A service that owns none
 * publishes nothing.
 */
@ApplicationScoped
public class RegistryAtStart {

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @Inject
    Instance<RegistryEntries> entries;

    @Inject
    StatePublisher publisher;

    void publishAtStart(@Observes StartupEvent event) {
        Service.find(service).flatMap(Service::registry).ifPresent(registry ->
                publisher.publishSnapshot(registry.topic(), registry.ceType(), entries.get()::entries));
    }
}
