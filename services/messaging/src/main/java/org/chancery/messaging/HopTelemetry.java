package org.chancery.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.TracingMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.chancery.events.HopEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;

/**
 * What operators see of a consumed hop: a span of its own in the notice's trace (the trace that
 * began at REST ingress), the notice id in every log line written meanwhile, and how long the hop
 * took to reach this service ({@code chancery_hop_latency_seconds}).
 */
@ApplicationScoped
public class HopTelemetry {

    /** The span and log attribute that names a notice. */
    public static final String NOTICE_ID = "chancery.notice.id";

    @Inject
    MeterRegistry registry;

    @Inject
    Tracer tracer;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    /** Runs {@code work} for a consumed hop, in its span and log context. */
    public <T> T handle(Message<?> message, HopEvent hop, Supplier<T> work) {
        Context parent = TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext)
                .orElse(Context.current());
        Span span = tracer.spanBuilder("handle " + hop.type().ceType()).setParent(parent)
                .setAttribute(NOTICE_ID, hop.noticeId().toString())
                .setAttribute("chancery.hop.type", hop.type().ceType())
                .setAttribute("chancery.hop.number", hop.hop())
                .startSpan();
        MDC.put("noticeId", hop.noticeId().toString());
        try (Scope scope = span.makeCurrent()) {
            Timer.builder("chancery.hop.latency")
                    .description("Time from a hop to the service acting on it")
                    .tags("service", service, "type", hop.type().ceType())
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(Duration.between(hop.at(), Instant.now()));
            return work.get();
        } finally {
            MDC.remove("noticeId");
            span.end();
        }
    }

    /** A record set aside on the dead-letter topic. */
    public void deadLettered(String topic) {
        Counter.builder("chancery.dead.letters").description("Records sent to the dead-letter topic")
                .tags("service", service, "topic", topic).register(registry).increment();
    }
}
