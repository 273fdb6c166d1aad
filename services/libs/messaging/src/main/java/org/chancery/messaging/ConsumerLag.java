package org.chancery.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.chancery.events.Lane;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How far behind the service's consumers are: {@code chancery_lane_lag{service, lane}}, the
 * records each lane's consumer has still to read, and {@code chancery_consumer_lag}, the most any
 * one partition of any consumer is behind (the Kafka clients' own metric). A lane behind by more
 * than its bound is degraded: the service still works, and says so on its readiness.
 */
@ApplicationScoped
public class ConsumerLag {

    @Inject
    MeterRegistry registry;

    @Inject
    HopConsumers consumers;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @Inject
    LagBounds bounds;

    /** Records a lane's consumer may be behind before the lane is degraded, by lane. */
    @ConfigMapping(prefix = "chancery.pipeline.lag-bound")
    public interface LagBounds {

        long urgent();

        long routine();
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("chancery.consumer.lag", registry, ConsumerLag::maxLag)
                .description("Records the service's consumers are behind, at most over their partitions")
                .tag("service", service)
                .register(registry);
        for (Lane lane : Lane.values()) {
            Gauge.builder("chancery.lane.lag", consumers, c -> c.lag(lane))
                    .description("Records the lane's consumer has still to read, over its partitions")
                    .tags("service", service, "lane", lane.suffix())
                    .register(registry);
        }
    }

    /** Each lane behind by more than its bound, and by how much. */
    public List<String> degraded() {
        List<String> behind = new ArrayList<>();
        for (Lane lane : Lane.values()) {
            long lag = consumers.lag(lane);
            long bound = lane == Lane.URGENT ? bounds.urgent() : bounds.routine();
            if (lag > bound) {
                behind.add(lane.suffix() + " lane " + lag + " records behind (bound " + bound + ")");
            }
        }
        return behind;
    }

    private static double maxLag(MeterRegistry registry) {
        return registry.find("kafka.consumer.fetch.manager.records.lag.max").gauges().stream()
                .mapToDouble(Gauge::value).filter(v -> !Double.isNaN(v)).max().orElse(0);
    }
}
