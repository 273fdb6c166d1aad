package org.chancery.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request with a problem body (RFC 9457) from a route in front of the REST layer, on the
 * event loop: what the services refuse before reading a token, or a body.
 */
public final class EventLoopAnswer {

    private EventLoopAnswer() {
    }

    /** Sends {@code problem}, a {@link Problem} or a body shaped like one, with this status. */
    public static void problem(RoutingContext context, ObjectMapper mapper, int status, Object problem) {
        String json;
        try {
            json = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(json);
    }

    /** The same, asking the client to wait this many seconds before trying again. */
    public static void problem(RoutingContext context, ObjectMapper mapper, int status, Object problem,
            long retryAfterSeconds) {
        context.response().putHeader("Retry-After", String.valueOf(retryAfterSeconds));
        problem(context, mapper, status, problem);
    }
}
