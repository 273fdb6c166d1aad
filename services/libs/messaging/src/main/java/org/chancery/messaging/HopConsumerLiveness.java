package org.chancery.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Not live while a lane's consumer keeps failing without processing anything: restarted in place it
 * does not come back, so an orchestrator (or the local launcher) should restart the service.
 */
@Liveness
@ApplicationScoped
public class HopConsumerLiveness implements HealthCheck {

    @Inject
    HopConsumers consumers;

    @Override
    public HealthCheckResponse call() {
        List<String> dead = consumers.dead();
        return dead.isEmpty() ? HealthCheckResponse.up("hop consumers")
                : HealthCheckResponse.named("hop consumers").down().withData("failing", String.join("; ", dead)).build();
    }
}
