package org.chancery.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the registry the service owns is on its topic as published: read back by the
 * guard, and every entry the topic lacked (or held older, or other) published again and read back.
 * Up at once for a service that owns none.
 */
@Readiness
@ApplicationScoped
public class PublishedRegistryReadiness implements HealthCheck {

    @Inject
    RegistryGuard guard;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("registry published").status(guard.checked()).build();
    }
}
