package org.chancery.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Reading and writing hops as JSON, the one way every service does it. Unknown fields are
 * ignored so that a consumer keeps working when a newer producer adds one.
 */
public final class HopEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private HopEvents() {
    }

    public static String toJson(HopEvent hop) {
        try {
            return MAPPER.writeValueAsString(hop);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a hop always serialises", e);
        }
    }

    public static JsonNode toTree(HopEvent hop) {
        return MAPPER.valueToTree(hop);
    }

    /** Parses a hop; throws {@link MalformedHopException} when the JSON is not a hop. */
    public static HopEvent fromJson(String json) {
        try {
            return check(MAPPER.readValue(json, HopEvent.class));
        } catch (JsonProcessingException e) {
            throw new MalformedHopException(e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MalformedHopException(e.getMessage(), e);
        }
    }

    public static HopEvent fromTree(JsonNode tree) {
        try {
            return check(MAPPER.treeToValue(tree, HopEvent.class));
        } catch (JsonProcessingException e) {
            throw new MalformedHopException(e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MalformedHopException(e.getMessage(), e);
        }
    }

    public static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedHopException(e.getOriginalMessage(), e);
        }
    }

    private static HopEvent check(HopEvent hop) {
        if (hop == null || hop.eventId() == null || hop.type() == null || hop.noticeId() == null
                || hop.at() == null || hop.hash() == null || hop.hop() < 1) {
            throw new MalformedHopException("a hop needs eventId, type, noticeId, hop, at and hash", null);
        }
        return hop;
    }
}
