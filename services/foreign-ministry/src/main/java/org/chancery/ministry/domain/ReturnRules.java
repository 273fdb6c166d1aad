package org.chancery.ministry.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chancery.events.Notice;

/**
 * The notes a receiving ministry returns instead of acknowledging, each rule with its reason. A
 * rule names the receiving state and, optionally, the sender and the kind of notice.
 */
public final class ReturnRules {

    private record Rule(String receiver, String sender, String kind, String reason) {
        boolean matches(Notice notice) {
            return receiver.equals(notice.to()) && (sender == null || sender.equals(notice.from()))
                    && (kind == null || kind.equals(notice.kind().name()));
        }
    }

    private final List<Rule> rules;

    private ReturnRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static ReturnRules none() {
        return new ReturnRules(List.of());
    }

    public static ReturnRules read(InputStream in) {
        try (in) {
            List<Rule> rules = new ArrayList<>();
            for (JsonNode r : new ObjectMapper().readTree(in).path("rules")) {
                rules.add(new Rule(r.path("receiver").asText(), text(r, "sender"), text(r, "kind"),
                        r.path("reason").asText("the note is returned")));
            }
            return new ReturnRules(rules);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the return rules", e);
        }
    }

    /** Why the receiving ministry returns this notice, if it does. */
    public Optional<String> reasonToReturn(Notice notice) {
        return rules.stream().filter(r -> r.matches(notice)).map(Rule::reason).findFirst();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
