package org.chancery.problem;

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
 * event loop, with a 503 problem and {@code Retry-After}, before its token is checked (and its body
 * read, unless the service's door read it): a refusal then costs almost nothing. Without the bound, a flood larger than what the
 * service can even refuse waits for worker threads in the heap until the heap runs out (the
 * ministry, at 1,000 notices a second offered on two cores). The service's own endpoints under
 * {@code /q/} (health, metrics) and the event streams a client reads with GET, which stay open,
 * are not counted. A request a service's door has marked {@link #URGENT} may take one of a few
 * places kept above the bound ({@code chancery.http.urgent-reserve}), so that a flood of requests
 * not marked never shuts it out (a flood of requests that claim to be urgent fills those too).
 */
@ApplicationScoped
public class InFlightLimit {

    /** What a client is asked to wait before trying again. */
    static final int RETRY_AFTER_SECONDS = 1;

    /** The key of the routing context's data under which a door marks a request urgent ({@code Boolean.TRUE}). */
    public static final String URGENT = "chancery.urgent";

    @ConfigProperty(name = "chancery.http.max-in-flight", defaultValue = "256")
    int max;

    @ConfigProperty(name = "chancery.http.urgent-reserve", defaultValue = "32")
    int reserve;

    @Inject
    ObjectMapper mapper;

    private final AtomicInteger inFlight = new AtomicInteger();

    void install(@Observes Router router) {
        router.route().order(RouteOrder.IN_FLIGHT).handler(this::admit);
    }

    void admit(RoutingContext context) {
        if (exempt(context)) {
            context.next();
            return;
        }
        int bound = Boolean.TRUE.equals(context.get(URGENT)) ? max + reserve : max;
        if (inFlight.incrementAndGet() > bound) {
            inFlight.decrementAndGet();
            EventLoopAnswer.problem(context, mapper, 503, Problem.of(503, "Too many requests at once",
                    "the service is working on " + bound + " requests already; nothing was done with this one, "
                            + "try again in " + RETRY_AFTER_SECONDS + " s").at(context.normalizedPath()),
                    RETRY_AFTER_SECONDS);
            return;
        }
        // Called once the response is sent, or the connection lost: the place is given back either way.
        context.addEndHandler(done -> inFlight.decrementAndGet());
        context.next();
    }

    /** The bound: requests worked on at once, the urgent ones' places apart. */
    public int max() {
        return max;
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
}
