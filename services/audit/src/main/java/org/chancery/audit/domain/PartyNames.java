package org.chancery.audit.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.chancery.events.Party;

/** Names a reader understands for the parties of a path: "Embassy of the United States in Germany". */
@ApplicationScoped
public class PartyNames {

    private final Map<String, String> states = new HashMap<>();

    PartyNames() {
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("reference/states.json")) {
            for (JsonNode s : new ObjectMapper().readTree(in).path("states")) {
                states.put(s.path("code").asText(), s.path("name").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference/states.json", e);
        }
    }

    public String state(String code) {
        if (Party.UNITED_NATIONS.equals(code)) {
            return "the United Nations, New York";
        }
        return code == null ? null : states.getOrDefault(code, code);
    }

    /** The state where a party sits; null for a line, which runs between two. */
    public static String location(String party) {
        try {
            Party p = Party.parse(party);
            if (Party.HOTLINE.equals(p.kind())) {
                return null;
            }
            return p.host() != null ? p.host() : p.state();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String label(String party) {
        Party p;
        try {
            p = Party.parse(party);
        } catch (IllegalArgumentException e) {
            return party;
        }
        return switch (p.kind()) {
            case Party.MINISTRY -> "Ministry of Foreign Affairs, " + state(p.state());
            case Party.EMBASSY -> "VAT".equals(p.host()) ? "Embassy of " + state(p.state()) + " to the Holy See, Rome"
                    : "Embassy of " + state(p.state()) + " in " + state(p.host());
            case Party.HOTLINE -> "Hotline " + p.state() + (p.host() == null ? "" : ", node of " + state(p.host()));
            case Party.PROTECTING_POWER -> state(p.state()) + ", protecting power";
            case Party.MEDIATOR -> state(p.state()) + ", mediator (good offices, informal)";
            case Party.INTERESTS_SECTION -> "Interests section of " + state(p.state()) + " in " + state(p.host());
            case Party.PERMANENT_MISSION -> "Permanent Mission of " + state(p.state()) + " to the United Nations, New York";
            default -> party;
        };
    }
}
