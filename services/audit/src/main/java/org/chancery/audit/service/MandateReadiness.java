package org.chancery.audit.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready to judge third states' hops until the registry of mandates is read. */
@Readiness
@ApplicationScoped
public class MandateReadiness implements HealthCheck {

    @Inject
    MandateHistory history;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("registry of mandates").status(history.caughtUp()).build();
    }
}
