package org.chancery.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.chancery.events.HopType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

/**
 * What operators see of consumed hops: each hop a consumer span of its own in the notice's trace
 * (the trace that began at REST ingress, carried by the record's {@code traceparent}), with the
 * messaging attributes of OpenTelemetry's conventions, the notice id in every
 * log line written meanwhile, how long the hop took to reach this service
 * ({@code chancery_hop_latency_seconds}), records set aside ({@code chancery_dead_letters_total})
 * and how many records each consumed batch held ({@code chancery_consumed_batch_records}). Meters
 * are registered once, at start, so that each exists at zero before its first hop.
 */
@Startup
@ApplicationScoped
public class HopTelemetry {

    /** The span and log attribute that names a notice. */
    public static final String NOTICE_ID = "chancery.notice.id";

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return () -> StreamSupport.stream(headers.spliterator(), false).map(Header::key).iterator();
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    @Inject
    MeterRegistry registry;

    @Inject
    Tracer tracer;

    @Inject
    OpenTelemetry openTelemetry;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @ConfigProperty(name = PipelineTopics.STEPS)
    String steps;

    private final Map<HopType, Timer> latency = new EnumMap<>(HopType.class);
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private DistributionSummary batchRecords;

    @PostConstruct
    void register() {
        for (HopType type : HopType.values()) {
            latency.put(type, Timer.builder("chancery.hop.latency")
                    .description("Time from a hop to the service acting on it")
                    .tags("service", service, "type", type.ceType())
                    .publishPercentileHistogram()
                    .register(registry));
        }
        PipelineTopics.consumed(steps).forEach(this::deadLetters);
        batchRecords = DistributionSummary.builder("chancery.consumed.batch.records")
                .description("Records in each batch the service consumed")
                .tags("service", service)
                .register(registry);
    }

    /** Runs {@code work} for a consumed hop, in its span and log context. */
    public <T> T handle(ConsumedHop consumed, Supplier<T> work) {
        Context parent = openTelemetry.getPropagators().getTextMapPropagator()
                .extract(Context.root(), consumed.record().headers(), HEADERS);
        String noticeId = consumed.hop().noticeId().toString();
        Span span = tracer.spanBuilder("handle " + consumed.hop().type().ceType()).setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation", "process")
                .setAttribute("messaging.destination.name", consumed.topic())
                .setAttribute("messaging.destination.partition.id", String.valueOf(consumed.record().partition()))
                .setAttribute("messaging.kafka.offset", consumed.record().offset())
                .setAttribute("messaging.consumer.group.name", service)
                .setAttribute(NOTICE_ID, noticeId)
                .setAttribute("chancery.hop.type", consumed.hop().type().ceType())
                .setAttribute("chancery.hop.number", consumed.hop().hop())
                .startSpan();
        MDC.put("noticeId", noticeId);
        try (Scope scope = span.makeCurrent()) {
            latency.get(consumed.hop().type()).record(Duration.between(consumed.hop().at(), Instant.now()));
            return work.get();
        } finally {
            MDC.remove("noticeId");
            span.end();
        }
    }

    /** A consumed batch, of this many records. */
    public void batch(int records) {
        batchRecords.record(records);
    }

    /** A record set aside on the dead-letter topic. */
    public void deadLettered(String topic) {
        deadLetters(topic).increment();
    }

    private Counter deadLetters(String topic) {
        return deadLetters.computeIfAbsent(topic, t -> Counter.builder("chancery.dead.letters")
                .description("Records sent to the dead-letter topic")
                .tags("service", service, "topic", t).register(registry));
    }
}
