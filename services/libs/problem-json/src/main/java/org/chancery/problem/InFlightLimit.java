package org.chancery.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds the requests a service works on at once. One over the bound is answered at once, on the
 * event loop, with a 503 problem and {@code Retry-After}, before its body is read or its token
 * checked: a refusal then costs almost nothing. Without the bound, a flood larger than what the
 * service can even refuse waits for worker threads in the heap until the heap runs out (the
 * ministry, at 1,000 notices a second offered on two cores). The service's own endpoints under
 * {@code /q/} (health, metrics) and the event streams a client reads with GET, which stay open,
 * are not counted.
 */
@ApplicationScoped
public class InFlightLimit {

    /** What a client is asked to wait before trying again. */
    static final int RETRY_AFTER_SECONDS = 1;

    @ConfigProperty(name = "chancery.http.max-in-flight", defaultValue = "256")
    int max;

    @Inject
    ObjectMapper mapper;

    private final AtomicInteger inFlight = new AtomicInteger();

    void install(@Observes Router router) {
        router.route().order(-4).handler(this::admit);
    }

    void admit(RoutingContext context) {
        if (exempt(context)) {
            context.next();
            return;
        }
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            context.response().setStatusCode(503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
                    .end(json(Problem.of(503, "Too many requests at once",
                            "the service is working on " + max + " requests already; nothing was done with this one, "
                                    + "try again in " + RETRY_AFTER_SECONDS + " s").at(context.normalizedPath())));
            return;
        }
        // Called once the response is sent, or the connection lost: the place is given back either way.
        context.addEndHandler(done -> inFlight.decrementAndGet());
        context.next();
    }

    /** Requests being worked on now. */
    public int inFlight() {
        return inFlight.get();
    }

    private static boolean exempt(RoutingContext context) {
        if (context.normalizedPath().startsWith("/q/")) {
            return true;
        }
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        return context.request().method() == HttpMethod.GET && accept != null && accept.contains("text/event-stream");
    }

    private String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
