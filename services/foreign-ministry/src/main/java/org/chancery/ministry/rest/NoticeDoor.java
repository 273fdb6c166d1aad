package org.chancery.ministry.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.chancery.events.Lane;
import org.chancery.events.Precedence;
import org.chancery.ministry.service.Admission;
import org.chancery.problem.EventLoopAnswer;
import org.chancery.problem.InFlightLimit;
import org.chancery.problem.RouteOrder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The door of {@code POST /notices}, on the event loop ahead of the REST layer (ADR 0020). It reads
 * the body and finds the notice's precedence and addressees alone; a notice whose lane cannot carry
 * that many notices of that precedence in time, whatever their deadline, is refused at once with
 * the admission's own answer (503 and its estimate), before its token is checked and its body
 * parsed whole: under a flood a refusal costs a fraction of an acceptance. A notice of the urgent
 * lane is marked urgent, so that the bound on requests in flight keeps places for it. What the door
 * cannot read as a JSON object with a known precedence it passes on, and the REST layer answers as
 * it always did. A sender refused here learns of any other fault in its request when it sends it
 * again.
 */
@ApplicationScoped
public class NoticeDoor {

    private static final JsonFactory JSON = new JsonFactory();

    @Inject
    Admission admission;

    @Inject
    ObjectMapper mapper;

    @Inject
    InFlightLimit bound;

    /** How long the REST layer waits for a body; the door waits no longer. */
    @ConfigProperty(name = "quarkus.http.read-timeout", defaultValue = "60s")
    Duration readTimeout;

    /** Bodies being read now. */
    final AtomicInteger reading = new AtomicInteger();

    void install(@Observes Router router) {
        router.post("/notices").consumes("application/json").order(RouteOrder.DOOR).handler(this::readBody);
    }

    /**
     * Reads a body of declared length (BodyLimit has refused one declared over the limit); the REST
     * layer then takes it from the routing context. No more are read at once than the bound lets
     * requests in, and a read that stalls for the REST layer's read timeout loses its connection: the
     * door holds no more than the bound did. A body of no declared length, or one over that many
     * reads, passes on unread, as before the door, and the REST layer reads it.
     */
    void readBody(RoutingContext context) {
        if (declaredLength(context) <= 0) {
            context.next();
            return;
        }
        if (reading.incrementAndGet() > bound.max()) {
            reading.decrementAndGet();
            context.next();
            return;
        }
        AtomicBoolean ended = new AtomicBoolean();
        Runnable end = () -> {
            if (ended.compareAndSet(false, true)) {
                reading.decrementAndGet();
            }
        };
        long stalled = context.vertx().setTimer(readTimeout.toMillis(), id -> {
            end.run();
            context.response().reset();
        });
        if (context.request().headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            context.response().writeContinue(); // as the REST layer does when it reads a body
        }
        context.request().body().onComplete(read -> {
            context.vertx().cancelTimer(stalled);
            end.run();
            if (read.failed()) {
                context.fail(read.cause());
                return;
            }
            try {
                context.setBody(read.result());
                pass(context, read.result());
            } catch (RuntimeException e) {
                context.fail(e); // outside the router's own guard: answered, not left hanging
            }
        });
        context.request().resume();
    }

    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    void pass(RoutingContext context, Buffer body) {
        Optional<Seen> seen = read(body.getBytes());
        if (seen.isEmpty()) {
            context.next();
            return;
        }
        Optional<Admission.Refused> refused = admission.atTheDoor(seen.get().precedence(), seen.get().addressees());
        if (refused.isPresent()) {
            RefusalProblem.Answer answer = RefusalProblem.of(refused.get().refusal(), context.normalizedPath());
            EventLoopAnswer.problem(context, mapper, answer.status(), answer.body(), answer.retryAfterSeconds());
            return;
        }
        if (Lane.of(seen.get().precedence()) == Lane.URGENT) {
            context.put(InFlightLimit.URGENT, Boolean.TRUE);
        }
        context.next();
    }

    /** What the door reads of a notice: its precedence, and how many states it is addressed to by name. */
    record Seen(Precedence precedence, int addressees) {
    }

    /**
     * The precedence of a notice's body as the REST layer reads it from a body it accepts: the
     * top-level member (the last, if named twice), ROUTINE when absent or null; and the number of
     * states in {@code to} (one unless it is a list: a circular note to a regime's parties counts
     * once). Empty, so that the REST layer answers, when the body is not a well-formed JSON object,
     * gives a precedence otherwise than by its name, or names more states than a notice may have.
     */
    static Optional<Seen> read(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Precedence precedence = Precedence.ROUTINE;
            int addressees = 1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("precedence".equals(name)) {
                    Optional<Precedence> named = value == JsonToken.VALUE_NULL ? Optional.of(Precedence.ROUTINE)
                            : value == JsonToken.VALUE_STRING ? named(parser.getText()) : Optional.empty();
                    if (named.isEmpty()) {
                        return Optional.empty();
                    }
                    precedence = named.get();
                } else if ("to".equals(name) && value == JsonToken.START_ARRAY) {
                    addressees = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        parser.skipChildren();
                        addressees++;
                    }
                }
                parser.skipChildren();
            }
            boolean whole = parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null;
            return whole && addressees <= NoticeRequest.MOST_RECIPIENTS
                    ? Optional.of(new Seen(precedence, Math.max(1, addressees))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Precedence> named(String name) {
        for (Precedence precedence : Precedence.values()) {
            if (precedence.name().equals(name)) {
                return Optional.of(precedence);
            }
        }
        return Optional.empty();
    }
}
