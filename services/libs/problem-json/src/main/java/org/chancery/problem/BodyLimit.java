package org.chancery.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body is over the documented limit with a 413 problem, before
 * any of it is read. (The HTTP layer's own check, which still stops undeclared chunked bodies,
 * answers without a body.)
 */
@ApplicationScoped
public class BodyLimit {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize limit;

    @Inject
    ObjectMapper mapper;

    void install(@Observes Router router) {
        long max = limit.asLongValue();
        router.route().order(RouteOrder.BODY_LIMIT).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && declaredOver(length, max)) {
                EventLoopAnswer.problem(context, mapper, 413, Problem.of(413, "Request body too large",
                        "the body is " + length + " bytes; at most " + max + " are accepted").at(context.normalizedPath()));
            } else {
                context.next();
            }
        });
    }

    private static boolean declaredOver(String length, long max) {
        try {
            return Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
