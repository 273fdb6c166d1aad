package org.chancery.ministry.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Diplomatic relations between pairs of states ({@code reference/relations.json}): a default
 * for every pair, and the pairs that differ, each with its source and confidence.
 */
public final class Relations {

    /** How two states stand; the first three keep resident missions. */
    public enum Status {
        DIPLOMATIC, DOWNGRADED, NORMALIZING, SEVERED, NONE;

        public boolean keepsMissions() {
            return this == DIPLOMATIC || this == DOWNGRADED || this == NORMALIZING;
        }
    }

    /** The relations of one pair, and what they rest on. */
    public record Relation(Status status, String since, String note, String confidence, String source) {
        /** "relations severed since 2022-02-24, … (B: Al Arabiya …)", "no relations since 1980, …" */
        public String describe() {
            String what = switch (status) {
                case NONE -> "no relations";
                case NORMALIZING -> "relations being restored";
                default -> "relations " + status.name().toLowerCase();
            };
            return what + (since == null ? "" : " since " + since) + (note == null ? "" : ", " + note)
                    + " (" + confidence + (source == null ? "" : ": " + source) + ")";
        }
    }

    private final Relation fallback;
    private final Map<String, Relation> pairs = new HashMap<>();

    private Relations(Relation fallback) {
        this.fallback = fallback;
    }

    public static Relations read(InputStream in) {
        try (in) {
            JsonNode root = new ObjectMapper().readTree(in);
            JsonNode d = root.path("default");
            Relations relations = new Relations(new Relation(Status.valueOf(d.path("status").asText("DIPLOMATIC")),
                    null, text(d, "note"), text(d, "confidence"), "relation default"));
            for (JsonNode e : root.path("exceptions")) {
                Relation r = new Relation(Status.valueOf(e.path("status").asText()), text(e, "since"), text(e, "note"),
                        text(e, "confidence"), text(e, "source"));
                String a = e.path("states").get(0).asText();
                String b = e.path("states").get(1).asText();
                relations.pairs.put(key(a, b), r);
                relations.pairs.put(key(b, a), r);
            }
            return relations;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the relations file", e);
        }
    }

    public Relation between(String a, String b) {
        return pairs.getOrDefault(key(a, b), fallback);
    }

    private static String key(String a, String b) {
        return a + "-" + b;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
