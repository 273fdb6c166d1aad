package org.chancery.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chancery.events.HopEvent;
import org.chancery.events.Lane;
import org.chancery.events.signing.Authenticity;

/**
 * A hop as it was consumed: the record it came in, the JSON read once, the hop bound once, and
 * whether the service it names signed it.
 */
public record ConsumedHop(ConsumerRecord<String, String> record, JsonNode json, HopEvent hop,
        Authenticity authenticity) {

    public String topic() {
        return record.topic();
    }

    public Lane lane() {
        return Lane.ofTopic(record.topic());
    }
}
