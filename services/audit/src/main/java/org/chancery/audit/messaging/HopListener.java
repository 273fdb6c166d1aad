package org.chancery.audit.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.chancery.audit.service.HopLedger;
import org.chancery.events.HopEvents;
import org.chancery.events.MalformedHopException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Every hop on every hop topic. A record that is not a hop goes to the dead-letter topic; a hop
 * that cannot be stored yet (database unavailable) is retried until it is, so none is skipped.
 */
@ApplicationScoped
public class HopListener {

    private static final Logger LOG = Logger.getLogger(HopListener.class);

    @Inject
    HopLedger ledger;

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Incoming("hops")
    @Blocking
    public CompletionStage<Void> onHop(Message<String> message) {
        JsonNode tree;
        try {
            tree = HopEvents.readTree(message.getPayload());
            HopEvents.fromTree(tree);
        } catch (MalformedHopException e) {
            return message.nack(new IllegalArgumentException("not a readable hop: " + e.getMessage(), e));
        }
        IncomingKafkaRecordMetadata<?, ?> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        HopLedger.Origin origin = new HopLedger.Origin(kafka.getTopic(), kafka.getPartition(), kafka.getOffset());
        long backoff = 100;
        while (!stopping) {
            try {
                ledger.record(tree, origin);
                return message.ack();
            } catch (RuntimeException e) {
                LOG.warnf("hop from %s not stored yet, retrying in %d ms: %s", origin, backoff, e.toString());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
