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

    /** The answer: its status (429 over a share, else 503), Retry-After in seconds, and the problem body. */
    record Answer(int status, long retryAfterSeconds, Body body) {
    }

    static Answer of(Refusal r, String path) {
        long retryAfter = (r.retryAfter().toMillis() + 999) / 1000;
        String detail = r.overShare()
                ? String.format(Locale.ROOT, "%s: the others' notices keep their room; nothing was sent, try again in %d s",
                        r.limit(), retryAfter)
                : String.format(Locale.ROOT, "the %s lane has %d notices under way and drains about %.1f a "
                        + "second: a %s notice taken in now would reach its receiver at %s, after %s; nothing was sent, "
                        + "try again in %d s", r.lane().suffix(), r.ahead(), r.drainPerSecond(), r.precedence(),
                        r.estimatedDelivery(), r.limit(), retryAfter);
        // Over its share, the sender is asked to slow down (429); a full lane is the service's limit (503).
        int status = r.overShare() ? 429 : 503;
        return new Answer(status, retryAfter, new Body(r.overShare() ? "Over its share of the lane" : "Cannot be delivered in time",
                status, detail, path, r.lane().suffix(), r.precedence(), r.ahead(),
                Math.round(r.drainPerSecond() * 10) / 10.0, r.estimatedDelivery(), r.deadline(), retryAfter));
    }

    /** The answer as the REST layer gives it. */
    static Response response(Refusal r, String path) {
        Answer answer = of(r, path);
        return Response.status(answer.status()).type(Problem.MEDIA_TYPE).header("Retry-After", answer.retryAfterSeconds())
                .entity(answer.body()).build();
    }
}
