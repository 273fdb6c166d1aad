package org.chancery.ministry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.chancery.events.Route;
import org.chancery.ministry.entity.SentNotice;

/** The routes planned for a sent notice, kept with it as the JSON array its first hop carries. */
@ApplicationScoped
public class StoredPlans {

    private static final TypeReference<List<Route>> ROUTES = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    public String write(List<Route> plan) {
        try {
            return json.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Route> read(SentNotice sent) {
        try {
            return json.readValue(sent.plan, ROUTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored plan of " + sent.id + " is not JSON", e);
        }
    }
}
