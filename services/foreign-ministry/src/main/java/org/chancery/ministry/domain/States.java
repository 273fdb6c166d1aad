package org.chancery.ministry.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The states Chancery knows, from {@code reference/states.json}. */
@Startup
@ApplicationScoped
public class States {

    /** A state: its ISO 3166-1 alpha-3 code, its name and the seat of its foreign ministry. */
    public record State(String code, String name, String capital) {
    }

    private final Map<String, State> byCode = new LinkedHashMap<>();

    States() {
        try (InputStream in = States.class.getResourceAsStream("/reference/states.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            for (JsonNode state : root.get("states")) {
                State s = new State(state.get("code").asText(), state.get("name").asText(),
                        state.get("capital").asText());
                byCode.put(s.code(), s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference/states.json", e);
        }
    }

    public Optional<State> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    public boolean isKnown(String code) {
        return find(code).isPresent();
    }
}
