package org.chancery.ministry.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The states Chancery knows (the UN's members and observer states), from {@code reference/states.json}. */
@Startup
@ApplicationScoped
public class States {

    /**
     * A state: its ISO 3166-1 alpha-3 code, its English name, {@code member} or {@code observer} of
     * the UN, whether its relations and channels were researched one by one, and the seat of its
     * foreign ministry where known.
     */
    public record State(String code, String name, String unStatus, boolean researched, String capital) {
    }

    private final Map<String, State> byCode = new LinkedHashMap<>();

    States() {
        try (InputStream in = States.class.getResourceAsStream("/reference/states.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            for (JsonNode state : root.get("states")) {
                State s = new State(state.get("code").asText(), state.get("name").asText(),
                        state.get("unStatus").asText(), state.get("researched").asBoolean(),
                        state.path("capital").isTextual() ? state.get("capital").asText() : null);
                byCode.put(s.code(), s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference/states.json", e);
        }
    }

    public Collection<State> all() {
        return byCode.values();
    }

    public Optional<State> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    /**
     * The states a mistyped code or a name most likely meant, best first, at most three: the code in
     * other letter case, a code one letter off, a name that begins with what was given.
     */
    public List<State> closeTo(String given) {
        if (given == null || given.isBlank()) {
            return List.of();
        }
        String upper = given.strip().toUpperCase(Locale.ROOT);
        String lower = given.strip().toLowerCase(Locale.ROOT);
        return byCode.values().stream()
                .map(s -> Map.entry(s, s.code().equals(upper) ? 0
                        : s.name().toLowerCase(Locale.ROOT).equals(lower) ? 0
                        : upper.length() == 3 && lettersApart(s.code(), upper) == 1 ? 1
                        : lower.length() >= 3 && s.name().toLowerCase(Locale.ROOT).startsWith(lower) ? 2
                        : Integer.MAX_VALUE))
                .filter(e -> e.getValue() != Integer.MAX_VALUE)
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .limit(3).map(Map.Entry::getKey).toList();
    }

    private static int lettersApart(String a, String b) {
        int apart = 0;
        for (int i = 0; i < a.length(); i++) {
            apart += a.charAt(i) == b.charAt(i) ? 0 : 1;
        }
        return apart;
    }
}
