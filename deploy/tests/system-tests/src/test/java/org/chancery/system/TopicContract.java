package org.chancery.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The topics' public contract, {@code docs/asyncapi.yaml}, as a checker of records: which message
 * types each topic may carry, and the JSON Schemas their values and headers must satisfy.
 */
final class TopicContract {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Set<String>> typesByTopic = new HashMap<>();
    private final Map<String, Schema> payloadByType = new HashMap<>();
    private final Schema headers;

    TopicContract(Path docs) {
        JsonNode api;
        try {
            api = YAML.readTree(docs.resolve("asyncapi.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        JsonNode messages = api.path("components").path("messages");
        api.path("channels").forEach(channel -> {
            Set<String> types = new HashSet<>();
            channel.path("messages").fieldNames().forEachRemaining(id -> {
                JsonNode message = messages.path(id);
                String type = message.path("name").asText();
                types.add(type);
                String ref = message.path("payload").path("$ref").asText(null);
                if (ref != null) {
                    payloadByType.computeIfAbsent(type, t -> schema(registry, docs.resolve(ref)));
                }
            });
            topics(api, channel).forEach(topic -> typesByTopic.put(topic, types));
        });
        headers = schema(registry, docs.resolve("schemas/cloudevents-headers.schema.json"));
    }

    /**
     * The topics a channel's address names: {@code chancery.delivery.{lane}} is one topic for each
     * value its {@code lane} parameter may take.
     */
    private static List<String> topics(JsonNode api, JsonNode channel) {
        List<String> topics = List.of(channel.path("address").asText());
        for (Map.Entry<String, JsonNode> parameter : iterable(channel.path("parameters").fields())) {
            JsonNode definition = parameter.getValue();
            String ref = definition.path("$ref").asText("");
            if (ref.startsWith("#/components/parameters/")) {
                definition = api.path("components").path("parameters").path(ref.substring(ref.lastIndexOf('/') + 1));
            }
            List<String> values = new java.util.ArrayList<>();
            definition.path("enum").forEach(v -> values.add(v.asText()));
            String placeholder = "{" + parameter.getKey() + "}";
            topics = topics.stream().flatMap(t -> values.stream().map(v -> t.replace(placeholder, v))).toList();
        }
        return topics;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }

    /** A schema file; its references are all within the file. */
    private static Schema schema(SchemaRegistry registry, Path file) {
        try (var in = java.nio.file.Files.newInputStream(file.normalize())) {
            return registry.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with a record seen on a topic, against the contract; empty when nothing. */
    List<String> check(String topic, String key, Map<String, String> recordHeaders, String value) {
        String type = recordHeaders.get("ce_type");
        Set<String> allowed = typesByTopic.get(topic);
        if (allowed == null) {
            return List.of(topic + " is not in the contract");
        }
        if (!allowed.contains(type)) {
            return List.of(type + " is not a message " + topic + " carries; it carries " + allowed);
        }
        ObjectNode headerNode = YAML.createObjectNode();
        recordHeaders.forEach(headerNode::put);
        List<String> problems = new java.util.ArrayList<>(headers.validate(headerNode).stream()
                .map(e -> "header " + e).toList());
        if (value != null) {
            try {
                JsonNode payload = new ObjectMapper().readTree(value);
                payloadByType.get(type).validate(payload).forEach(e -> problems.add("value " + e));
                if (payload.has("noticeId") && !payload.path("noticeId").asText().equals(key)) {
                    problems.add("key " + key + " is not the notice id");
                }
            } catch (IOException e) {
                problems.add("value is not JSON: " + e.getMessage());
            }
        }
        return problems;
    }
}
