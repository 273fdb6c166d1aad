package org.chancery.ministry.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.chancery.events.Lane;
import org.chancery.events.Precedence;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Admission at the door (ADR 0020): a notice is taken in only if the backlog of its lane lets it
 * reach its receiver in time: within its precedence's handling time, before its deadline, and
 * within the longest wait its precedence may be given in the lane. The longest waits rank the
 * precedences: ROUTINE is refused first, then PRIORITY and IMMEDIATE; FLASH is refused only when
 * the urgent lane holds more than its own, longest wait (the lane is full). No state's ministry
 * may hold more than its share of a lane ({@link #mustKeepToItsShare}). What is taken in is
 * never dropped. Refusals are counted in {@code chancery_notices_refused_total{precedence}}.
 */
@Startup
@ApplicationScoped
public class Admission {

    /** The shortest Retry-After: HTTP counts it in whole seconds. */
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    @Inject
    Backlog backlog;

    @Inject
    Planning planning;

    @Inject
    MeterRegistry registry;

    private final Map<Precedence, Duration> longestWait = new EnumMap<>(Precedence.class);
    private final Map<Precedence, Counter> refused = new EnumMap<>(Precedence.class);

    /**
     * Why a notice was not taken in, and when it could be; {@code overShare} says so when its lane
     * could carry it but its state already holds its share.
     */
    public record Refusal(Lane lane, Precedence precedence, long ahead, double drainPerSecond, Instant estimatedDelivery,
            Instant deadline, String limit, Duration retryAfter, boolean overShare) {
    }

    @PostConstruct
    void configure() {
        for (Precedence precedence : Precedence.values()) {
            String name = precedence.name().toLowerCase(Locale.ROOT);
            longestWait.put(precedence, ConfigProvider.getConfig()
                    .getValue("chancery.ministry.admission.longest-wait." + name, Duration.class));
            refused.put(precedence, Counter.builder("chancery.notices.refused")
                    .description("Notices refused at the door: their lane could not carry them in time")
                    .tag("precedence", precedence.name()).register(registry));
        }
    }

    /** A notice refused: why, and when it could be taken in. */
    public static class Refused extends RuntimeException {
        private final Refusal refusal;

        Refused(Refusal refusal) {
            // No stack trace: under a flood it is thrown hundreds of times a second, and its message says it all.
            super("the " + refusal.lane().suffix() + " lane cannot carry it in time", null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /**
     * Admits this many notices a state's ministry sends, of a precedence, with this deadline (or
     * none), if their lane can carry them in time and the state keeps to its share of it: they count in its backlog until the returned handle is closed, by when
     * those stored have been counted as taken. A circular note's copies are admitted together.
     *
     * @throws Refused if the lane cannot carry them in time
     */
    public synchronized Backlog.TakingIn admit(String state, Precedence precedence, Instant deliverBy, int notices) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Refused refused = laneCannotCarry(precedence, deliverBy, notices, now);
        if (refused != null) {
            throw refused;
        }
        Lane lane = Lane.of(precedence);
        mustKeepToItsShare(state, lane, precedence, notices, backlog.open(lane), now);
        return backlog.takingIn(lane, state, notices);
    }

    /**
     * For the door, before the token and the rest of the body are read: the refusal {@link #admit}
     * would give this many notices of this precedence whatever their deadline, or none. Never waits
     * (the door runs on the event loop): not for the lock of {@link #admit}, which takes nothing in
     * here, nor for the database; until the lanes have been read once, none.
     */
    public Optional<Refused> atTheDoor(Precedence precedence, int notices) {
        if (!backlog.hasReading()) {
            return Optional.empty();
        }
        return Optional.ofNullable(laneCannotCarry(precedence, null, notices, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    /** The refusal if the lane cannot carry these notices in time, else null. */
    private Refused laneCannotCarry(Precedence precedence, Instant deliverBy, int notices, Instant now) {
        Lane lane = Lane.of(precedence);
        long ahead = backlog.open(lane);
        Instant estimated = now.plus(backlog.timeFor(lane, ahead + notices));
        Duration handling = planning.handlingTime(precedence);
        Duration waiting = longestWait.get(precedence);
        boolean byWait = waiting.compareTo(handling) < 0;
        Instant deadline = now.plus(byWait ? waiting : handling);
        String limit = byWait ? "the longest wait a " + precedence + " notice is given in the " + lane.suffix()
                + " lane (" + waiting + ")" : "the handling time of " + precedence + " (" + handling + ")";
        if (deliverBy != null && deliverBy.isBefore(deadline)) {
            deadline = deliverBy;
            limit = "its deadline (deliverBy)";
        }
        if (!estimated.isAfter(deadline)) {
            return null;
        }
        return refusal(lane, precedence, notices, ahead, estimated, deadline, limit, Duration.between(deadline, estimated),
                false);
    }

    /**
     * A state's ministry may hold at most its share of what the lane can carry in time (its longest
     * wait at the rate it drains): the lane divided among the states sending in it and one more, so
     * that one state's flood, or a few states', always leaves room for another state's notice.
     */
    private void mustKeepToItsShare(String state, Lane lane, Precedence precedence, int notices, long ahead, Instant now) {
        double drain = backlog.drainPerSecond(lane);
        Duration longest = lane.precedences().stream().map(longestWait::get).max(Duration::compareTo).orElseThrow();
        int states = backlog.statesSending(lane, state);
        long share = Math.max(1, (long) (drain * longest.toMillis() / 1000.0 / (states + 1)));
        long held = backlog.open(lane, state);
        if (held + notices <= share) {
            return;
        }
        Instant estimated = now.plus(backlog.timeFor(lane, ahead + notices));
        throw refusal(lane, precedence, notices, ahead, estimated, now.plus(longest), "the ministry of " + state
                + " holds " + held + " notices under way in the " + lane.suffix() + " lane, its share while " + states
                + " states send in it is " + share, backlog.timeFor(lane, held + notices - share), true);
    }

    private Refused refusal(Lane lane, Precedence precedence, int notices, long ahead, Instant estimated,
            Instant deadline, String limit, Duration retryAfter, boolean overShare) {
        refused.get(precedence).increment(notices);
        return new Refused(new Refusal(lane, precedence, ahead, backlog.drainPerSecond(lane), estimated, deadline, limit,
                retryAfter.compareTo(ONE_SECOND) < 0 ? ONE_SECOND : retryAfter, overShare));
    }
}
