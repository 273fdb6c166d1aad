package org.chancery.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.MalformedHopException;
import org.chancery.events.signing.Authenticity;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Processes consumed hops exactly once in effect. For each record: parse it; in one transaction,
 * mark it processed and store the hops the handler emits (or, for a redelivery, find those not
 * yet published); publish them; then acknowledge the record. A record that can never be
 * processed is sent to the dead-letter topic; anything else (database or broker unavailable) is
 * retried until it succeeds, so nothing is skipped.
 */
@ApplicationScoped
public class HopConsumer {

    private static final Logger LOG = Logger.getLogger(HopConsumer.class);
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    @Inject
    Outbox outbox;

    @Inject
    Inbox inbox;

    @Inject
    HopTelemetry telemetry;

    @Inject
    HopSigning signing;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Handles one record from an {@code @Incoming @Blocking} method and returns what that method
     * returns. The handler runs in the transaction and returns the hops to emit.
     */
    public CompletionStage<Void> consume(Message<String> message, Function<HopEvent, List<Emission>> handler) {
        HopEvent hop;
        Authenticity authenticity;
        try {
            JsonNode tree = HopEvents.readTree(message.getPayload());
            hop = HopEvents.fromTree(tree);
            authenticity = signing.check(tree);
        } catch (MalformedHopException e) {
            telemetry.deadLettered(topic(message));
            return DeadLetters.refuse(message, service,
                    new PoisonRecordException("not a readable hop: " + e.getMessage(), e));
        }
        if (!authenticity.genuine()) {
            telemetry.deadLettered(topic(message));
            LOG.warnf("hop %s of notice %s, in the name of %s, goes to the dead-letter topic: %s", hop.eventId(),
                    hop.noticeId(), hop.service(), authenticity);
            return DeadLetters.refuse(message, service, new PoisonRecordException(
                    "not a genuine hop of " + hop.service() + ": " + authenticity));
        }
        return telemetry.handle(message, hop, () -> process(message, hop, handler));
    }

    private CompletionStage<Void> process(Message<String> message, HopEvent hop,
            Function<HopEvent, List<Emission>> handler) {
        long backoff = 100;
        while (!stopping) {
            try {
                List<OutboxRecord> emitted = QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(hop.eventId())
                        ? outbox.store(hop.eventId(), handler.apply(hop))
                        : outbox.pendingFor(hop.eventId()));
                outbox.publish(emitted);
                return message.ack();
            } catch (RuntimeException e) {
                PoisonRecordException poison = poisonIn(e);
                if (poison != null) {
                    telemetry.deadLettered(topic(message));
                    LOG.warnf("hop %s of notice %s goes to the dead-letter topic: %s", hop.eventId(), hop.noticeId(),
                            poison.getMessage());
                    return DeadLetters.refuse(message, service, poison);
                }
                LOG.warnf("hop %s of notice %s not processed yet, retrying in %d ms: %s", hop.eventId(),
                        hop.noticeId(), backoff, e.toString());
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
        // Neither acknowledged nor dead-lettered: the broker delivers it again after the restart.
        return CompletableFuture.completedFuture(null);
    }

    private static String topic(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic)
                .orElse("unknown");
    }

    private static PoisonRecordException poisonIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PoisonRecordException poison) {
                return poison;
            }
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
