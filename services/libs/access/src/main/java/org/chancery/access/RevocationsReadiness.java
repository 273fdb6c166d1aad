package org.chancery.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready to take requests until every revoked token is known: a revoked token must never pass. */
@Readiness
@ApplicationScoped
public class RevocationsReadiness implements HealthCheck {

    @Inject
    TokenRevocations revocations;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("revoked tokens").status(revocations.caughtUp()).build();
    }
}
