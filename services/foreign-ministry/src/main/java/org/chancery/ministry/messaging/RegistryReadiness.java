package org.chancery.ministry.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready to plan routes until the channels' registries are read. */
@Readiness
@ApplicationScoped
public class RegistryReadiness implements HealthCheck {

    @Inject
    RegistryReader reader;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("channel registries").status(reader.caughtUp()).build();
    }
}
