package org.chancery.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until each lane's consumer has joined its group and been given its partitions. */
@Readiness
@ApplicationScoped
public class HopConsumerReadiness implements HealthCheck {

    @Inject
    HopConsumers consumers;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("hop consumers").status(consumers.ready())
                .withData("waiting", String.join("; ", consumers.notReady())).build();
    }
}
