package org.chancery.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * The transactional outbox. A service stores the hops it emits in the same transaction as the
 * state change they report ({@link #store}), then publishes them once that transaction has
 * committed ({@link #publish}). A hop is deleted only after the broker acknowledged it, by
 * {@link #forgetPublished} a moment later, many in one transaction, so that the work of a hop is one
 * transaction and not two; one left behind by a crash is published again by {@link #sweep}, byte
 * for byte, so that consumers recognise it by its event id.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    /** Longer than any send can take (the producer's delivery timeout is 10 s). */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(15);
    /** Deleted in one statement at most (the rest in the next round). */
    private static final int FORGET_BATCH = 5000;

    @Inject
    @Channel("hops")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    MutinyEmitter<String> emitter;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @Inject
    HopSigning signing;

    @ConfigProperty(name = "chancery.outbox.sweep-after")
    Duration sweepAfter;

    @Inject
    EntityManager em;

    /** Published, acknowledged, and not yet deleted: never published again, unless after a restart. */
    private final Set<UUID> published = ConcurrentHashMap.newKeySet();

    /** Stores hops to publish after the caller's transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<OutboxRecord> store(UUID causedBy, List<Emission> emissions) {
        List<OutboxRecord> records = new ArrayList<>(emissions.size());
        Instant now = Instant.now();
        String traceparent = Traces.currentTraceparent();
        for (Emission emission : emissions) {
            OutboxRecord record = new OutboxRecord();
            record.eventId = emission.eventId();
            record.causedBy = causedBy;
            record.topic = emission.topic();
            record.recordKey = emission.key();
            record.ceType = emission.ceType();
            record.ceTime = emission.time();
            record.payload = emission.hop() == null ? emission.payload() : signing.signedJson(emission.hop());
            record.traceparent = traceparent;
            record.createdAt = now;
            record.persist();
            records.add(record);
        }
        return records;
    }

    /** The hops stored for a consumed hop and not yet published. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<OutboxRecord> pendingFor(UUID causedBy) {
        return unpublished(OutboxRecord.list("causedBy", causedBy));
    }

    private List<OutboxRecord> unpublished(List<OutboxRecord> records) {
        return records.stream().filter(record -> !published.contains(record.eventId)).toList();
    }

    /**
     * Publishes the records and waits until the broker has acknowledged every one of them (or
     * one failed); they are deleted shortly after. Call it outside any transaction, on a worker
     * thread.
     *
     * @throws PublishFailedException if any record was not acknowledged
     */
    public void publish(List<OutboxRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Uni<Void>> sends = new ArrayList<>(records.size());
        for (OutboxRecord record : records) {
            sends.add(emitter.sendMessage(message(record)));
        }
        try {
            Uni.join().all(sends).andCollectFailures().await().atMost(PUBLISH_TIMEOUT);
        } catch (RuntimeException e) {
            throw new PublishFailedException(e);
        }
        records.forEach(record -> published.add(record.eventId));
    }

    /**
     * Deletes the published records in one transaction. Its commit need not wait for the disk: a
     * deletion lost in a crash only means the record is published once more, which every consumer
     * recognises as a redelivery.
     */
    @Scheduled(every = "${chancery.outbox.forget-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetPublished() {
        List<UUID> ids = published.stream().limit(FORGET_BATCH).toList();
        if (ids.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("set local synchronous_commit to off").executeUpdate();
                OutboxRecord.delete("eventId in ?1", ids);
            });
            ids.forEach(published::remove);
        } catch (RuntimeException e) {
            // The database is away: the next round tries again.
            LOG.debugf("published hops not deleted yet: %s", e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        forgetPublished();
    }

    private Message<String> message(OutboxRecord record) {
        RecordHeaders headers = new RecordHeaders();
        if (record.traceparent != null) {
            headers.add("traceparent", record.traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic)
                .withKey(record.recordKey)
                .withHeaders(headers)
                .build();
        OutgoingCloudEventMetadata<String> cloudEvent = OutgoingCloudEventMetadata.<String>builder()
                .withId(record.eventId.toString())
                .withType(record.ceType)
                .withSource(URI.create("/chancery/" + service))
                .withSubject(record.recordKey)
                .withTimestamp(record.ceTime.atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        return Message.of(record.payload, Metadata.of(kafka, cloudEvent));
    }

    /** Publishes what a crash left behind: records older than any send in progress can be. */
    @Scheduled(every = "${chancery.outbox.sweep-every}", delayed = "${chancery.outbox.sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        List<OutboxRecord> stale = unpublished(QuarkusTransaction.requiringNew().call(() -> OutboxRecord
                .<OutboxRecord>find("createdAt < ?1 order by createdAt", Instant.now().minus(sweepAfter))
                .page(0, 1000).list()));
        if (!stale.isEmpty()) {
            LOG.infof("publishing %d hop(s) left unpublished by an interrupted run", stale.size());
            try {
                publish(stale);
            } catch (PublishFailedException e) {
                LOG.warnf("the broker did not take them yet, trying again later: %s", e.getMessage());
            }
        }
    }

    /** The broker did not acknowledge a hop in time. */
    public static class PublishFailedException extends RuntimeException {
        PublishFailedException(Throwable cause) {
            super("the broker did not acknowledge the hop: " + cause.getMessage(), cause);
        }
    }
}
