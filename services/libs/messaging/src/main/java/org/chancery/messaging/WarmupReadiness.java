package org.chancery.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the producer knows the topics it writes and a first hop's work has been rehearsed. */
@Readiness
@ApplicationScoped
public class WarmupReadiness implements HealthCheck {

    @Inject
    Warmup warmup;

    @Override
    public HealthCheckResponse call() {
        return warmup.done() ? HealthCheckResponse.up("warm-up")
                : HealthCheckResponse.named("warm-up").down().withData("doing", warmup.doing()).build();
    }
}
