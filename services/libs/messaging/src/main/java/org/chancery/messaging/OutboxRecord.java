package org.chancery.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record waiting in the outbox to be published: exactly the bytes that go on the topic, and the
 * CloudEvents attributes that go in its headers.
 *
 * @param causedBy    the consumed hop this one answers; null for one that began elsewhere (REST
 *                    ingress, a timer, a registry change)
 * @param payload     the value; null for a tombstone on a compacted topic
 * @param traceparent W3C trace context of the work that emitted it, or null
 */
public record OutboxRecord(UUID eventId, UUID causedBy, String topic, String key, String ceType, Instant ceTime,
        String payload, String traceparent, Instant createdAt) {

    /** As it goes on the broker: a CloudEvent in Kafka binary mode from {@code /chancery/<service>}. */
    ProducerRecord<String, String> toProducerRecord(String service) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", eventId.toString());
        header(headers, "ce_type", ceType);
        header(headers, "ce_source", "/chancery/" + service);
        header(headers, "ce_subject", key);
        header(headers, "ce_time", ceTime.toString());
        header(headers, "content-type", "application/json");
        if (traceparent != null) {
            header(headers, "traceparent", traceparent);
        }
        return new ProducerRecord<>(topic, null, key, payload, headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
