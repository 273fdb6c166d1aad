package org.chancery.ministry.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Relations between pairs of states as their sources give them ({@code reference/relations.json}):
 * each pair's status, its dated history and who does not recognise whom. Nothing is assumed: a pair
 * no source speaks of is {@link Status#UNKNOWN}, and says what would settle it.
 */
public final class Relations {

    /** How two states stand. */
    public enum Status {
        /** Relations, as a source states or a mission listed between the two shows. */
        DIPLOMATIC,
        /** Relations, the missions kept at a lower level. */
        DOWNGRADED,
        /** No formal relations; informal contact (Bhutan and the permanent five). */
        INFORMAL,
        /** Relations suspended: no missions, not broken off. */
        SUSPENDED,
        /** Relations broken off. */
        SEVERED,
        /** Relations never established. */
        NONE,
        /** One of the two, or each, does not recognise the other (as a state, or its government). */
        NOT_RECOGNISED,
        /** No source speaks of the pair. */
        UNKNOWN;

        /** Whether the two keep missions with each other. */
        public boolean keepsMissions() {
            return this == DIPLOMATIC || this == DOWNGRADED;
        }
    }

    /** One dated fact of a pair's history. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(String on, String event, String note, String grade, String source) {
    }

    /** A state's not recognising another, and what it rests on. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Refusal(String state, String doesNotRecognise, String why, String grade, String source) {
    }

    /**
     * The relations of one pair, and what they rest on.
     *
     * @param since the date of the fact that decides the status ("never" for relations never established)
     * @param asOf  for relations shown by a listed mission, the listing's date
     * @param notRecognisedBy the states of the two that do not recognise the other
     * @param recognition     why, with the source of each
     * @param history         every dated fact of the pair, oldest first
     * @param settledBy       for an unknown relation, what source would settle it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Relation(List<String> states, Status status, String since, String asOf, String note, String grade,
            String source, List<String> notRecognisedBy, List<Refusal> recognition, List<Event> history,
            String settledBy) {

        /** Whether {@code state} recognises the other state of the pair, as far as the sources say. */
        public boolean recognisedBy(String state) {
            return notRecognisedBy == null || !notRecognisedBy.contains(state);
        }

        /** "relations severed since 2022-02-24, … (B: …)", "no relations (never), …", "relations unknown: …" */
        public String describe() {
            String what = switch (status) {
                case NONE -> "no relations";
                case INFORMAL -> "no formal relations, informal contact";
                case NOT_RECOGNISED -> "not recognised";
                case UNKNOWN -> "relations unknown";
                default -> "relations " + status.name().toLowerCase();
            };
            boolean dated = since != null && !since.isBlank() && !"never".equals(since);
            return what + (dated ? " since " + since : "") + (note == null ? "" : ", " + note)
                    + (source == null ? "" : " (" + grade + ": " + source + ")");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, Relation> pairs = new HashMap<>();

    private Relations() {
    }

    public static Relations read(InputStream in) {
        try (in) {
            Relations relations = new Relations();
            for (JsonNode node : JSON.readTree(in).path("relations")) {
                Relation r = JSON.treeToValue(node, Relation.class);
                relations.pairs.put(key(r.states().get(0), r.states().get(1)), r);
            }
            return relations;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the relations file", e);
        }
    }

    /** The relation of two states; {@link Status#UNKNOWN} where no source speaks of them. */
    public Relation between(String a, String b) {
        Relation known = pairs.get(key(a, b));
        return known != null ? known : new Relation(List.of(a, b), Status.UNKNOWN, null, null,
                "no source here speaks of relations between " + a + " and " + b, null, null, null, null, null,
                "a mission of either listed for the other, or either ministry's list of its relations");
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a;
    }
}
