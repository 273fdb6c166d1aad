package org.chancery.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.chancery.events.Topics;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Sends a record no one can process to the dead-letter topic. Its headers say why
 * ({@code dead-letter-reason}), where it was ({@code dead-letter-topic}, {@code -partition},
 * {@code -offset}) and which service refused it ({@code dead-letter-service}); the record's key
 * and value are kept as they were.
 */
public final class DeadLetters {

    public static final String SERVICE = "dead-letter-service";

    private DeadLetters() {
    }

    /** Nacks a record consumed through the Kafka connector, whose failure strategy is the dead-letter queue. */
    public static CompletionStage<Void> refuse(Message<?> message, String service, Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(SERVICE, service.getBytes(StandardCharsets.UTF_8));
        return message.nack(reason, Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build()));
    }

    /** The dead letter for a record read by a plain consumer, with the headers the connector writes. */
    public static ProducerRecord<String, String> of(ConsumerRecord<String, String> record, String service, String reason) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        headers.add("dead-letter-reason", utf8(reason));
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
