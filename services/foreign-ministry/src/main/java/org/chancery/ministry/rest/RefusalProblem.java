package org.chancery.ministry.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Locale;
import org.chancery.events.Precedence;
import org.chancery.ministry.service.Admission.Refusal;
import org.chancery.problem.Problem;

/**
 * A notice refused at the door because its lane cannot carry it in time: 503 with
 * {@code Retry-After}, and a problem body (RFC 9457) whose extension members give the estimate.
 */
final class RefusalProblem {

    private RefusalProblem() {
    }

    /** The problem body: RFC 9457's members, then what the estimate rests on. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Body(String title, int status, String detail, String instance, String lane, Precedence precedence,
            long noticesAhead, double drainPerSecond, Instant estimatedDelivery, Instant deadline, long retryAfterSeconds) {
    }

    /** The answer: 503, Retry-After, and the problem body. */
    static Response response(Refusal r, String path) {
        long retryAfter = (r.retryAfter().toMillis() + 999) / 1000;
        String detail = String.format(Locale.ROOT, "the %s lane has %d notices under way and drains about %.1f a "
                + "second: a %s notice taken in now would reach its receiver at %s, after %s; nothing was sent, "
                + "try again in %d s", r.lane().suffix(), r.ahead(), r.drainPerSecond(), r.precedence(),
                r.estimatedDelivery(), r.limit(), retryAfter);
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", retryAfter)
                .entity(new Body("Cannot be delivered in time", 503, detail, path, r.lane().suffix(), r.precedence(),
                        r.ahead(), Math.round(r.drainPerSecond() * 10) / 10.0, r.estimatedDelivery(), r.deadline(),
                        retryAfter))
                .build();
    }
}
