package org.chancery.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until each lane's consumer has joined its group and been given its partitions. A lane
 * far behind is degraded, not down: the service still takes work and drains the backlog, so it
 * stays ready (taking it out of service would only make the backlog longer) and names the lane.
 */
@Readiness
@ApplicationScoped
public class HopConsumerReadiness implements HealthCheck {

    @Inject
    HopConsumers consumers;

    @Inject
    ConsumerLag lag;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("hop consumers").status(consumers.ready())
                .withData("waiting", String.join("; ", consumers.notReady()));
        List<String> degraded = lag.degraded();
        if (!degraded.isEmpty()) {
            response.withData("degraded", String.join("; ", degraded));
        }
        return response.build();
    }
}
