package org.chancery.messaging;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.chancery.events.Topics;

/**
 * The record that sets aside, on the dead-letter topic, a consumed record no one can process. Its
 * headers say why ({@code dead-letter-reason}, {@code dead-letter-cause}), where it was
 * ({@code dead-letter-topic}, {@code -partition}, {@code -offset}) and which service refused it
 * ({@code dead-letter-service}); the record's key, value and headers are kept as they were.
 */
public final class DeadLetters {

    public static final String SERVICE = "dead-letter-service";

    private DeadLetters() {
    }

    public static ProducerRecord<String, String> of(ConsumerRecord<String, String> record, String service,
            String reason) {
        return of(record, service, reason, null);
    }

    public static ProducerRecord<String, String> of(ConsumerRecord<String, String> record, String service,
            String reason, Throwable cause) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        headers.add("dead-letter-reason", utf8(reason));
        if (cause != null && cause.getMessage() != null) {
            headers.add("dead-letter-cause", utf8(cause.getMessage()));
        }
        headers.add("dead-letter-topic", utf8(record.topic()));
        headers.add("dead-letter-partition", utf8(String.valueOf(record.partition())));
        headers.add("dead-letter-offset", utf8(String.valueOf(record.offset())));
        headers.add(SERVICE, utf8(service));
        return new ProducerRecord<>(Topics.DEAD_LETTER, null, record.key(), record.value(), headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
