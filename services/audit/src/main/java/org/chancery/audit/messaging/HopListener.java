package org.chancery.audit.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.chancery.audit.service.HopLedger;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.MalformedHopException;
import org.chancery.events.signing.Authenticity;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Every hop on every hop topic. A record that is not a hop goes to the dead-letter topic; a hop
 * that cannot be stored yet (database unavailable) is retried until it is, so none is skipped.
 * Each hop is stored in a span of the notice's trace ({@code chancery_audit_hops_total} counts them).
 */
@ApplicationScoped
public class HopListener {

    private static final Logger LOG = Logger.getLogger(HopListener.class);

    @Inject
    HopLedger ledger;

    @Inject
    MeterRegistry registry;

    @Inject
    Tracer tracer;

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Incoming("hops")
    @Blocking
    public CompletionStage<Void> onHop(Message<String> message) {
        IncomingKafkaRecordMetadata<?, ?> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        HopLedger.Origin origin = new HopLedger.Origin(kafka.getTopic(), kafka.getPartition(), kafka.getOffset());
        JsonNode tree;
        HopEvent hop;
        try {
            tree = HopEvents.readTree(message.getPayload());
            hop = HopEvents.fromTree(tree);
        } catch (MalformedHopException e) {
            counter("chancery.dead.letters", "topic", origin.topic()).increment();
            RecordHeaders refusedBy = new RecordHeaders();
            refusedBy.add("dead-letter-service", "audit".getBytes(StandardCharsets.UTF_8));
            return message.nack(new IllegalArgumentException("not a readable hop: " + e.getMessage(), e),
                    Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(refusedBy).build()));
        }
        Context parent = TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext)
                .orElse(Context.current());
        Span span = tracer.spanBuilder("audit " + hop.type().ceType()).setParent(parent)
                .setAttribute("chancery.notice.id", hop.noticeId().toString()).startSpan();
        MDC.put("noticeId", hop.noticeId().toString());
        try (Scope scope = span.makeCurrent()) {
            return store(message, tree, origin);
        } finally {
            MDC.remove("noticeId");
            span.end();
        }
    }

    private CompletionStage<Void> store(Message<String> message, JsonNode tree, HopLedger.Origin origin) {
        long backoff = 100;
        while (!stopping) {
            try {
                Authenticity authenticity = ledger.record(tree, origin);
                if (authenticity.genuine()) {
                    counter("chancery.audit.hops", "topic", origin.topic()).increment();
                } else {
                    counter("chancery.audit.rejected.hops", "authenticity", authenticity.name()).increment();
                    LOG.warnf("hop from %s in the name of %s is not genuine (%s): kept apart from its path", origin,
                            tree.path("service").asText(), authenticity);
                }
                return message.ack();
            } catch (RuntimeException e) {
                LOG.warnf("hop from %s not stored yet, retrying in %d ms: %s", origin, backoff, e.toString());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    private Counter counter(String name, String tag, String value) {
        return Counter.builder(name).tags("service", "audit", tag, value).register(registry);
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
