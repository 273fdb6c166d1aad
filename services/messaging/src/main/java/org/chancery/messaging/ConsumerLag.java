package org.chancery.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code chancery_consumer_lag}: the most records any of this service's consumers is behind, from
 * the Kafka clients' own metrics.
 */
@ApplicationScoped
public class ConsumerLag {

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    void register(@Observes StartupEvent event) {
        Gauge.builder("chancery.consumer.lag", registry, ConsumerLag::maxLag)
                .description("Records the service's consumers are behind, at most over their partitions")
                .tag("service", service)
                .register(registry);
    }

    private static double maxLag(MeterRegistry registry) {
        return registry.find("kafka.consumer.fetch.manager.records.lag.max").gauges().stream()
                .mapToDouble(Gauge::value).filter(v -> !Double.isNaN(v)).max().orElse(0);
    }
}
