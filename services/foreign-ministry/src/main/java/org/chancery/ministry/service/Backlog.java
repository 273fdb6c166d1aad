package org.chancery.ministry.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.chancery.events.Lane;
import org.chancery.events.Precedence;
import org.chancery.ministry.repository.OpenNotices;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How much each lane has under way and how fast it drains: the notices not yet at a final status,
 * and how many reached one in the last {@link #WINDOW}. Read from the database every second, so
 * that every replica of the ministry sees the whole lane, plus what this replica took in since and
 * what it is taking in now. A notice is never left out: it counts while it is being taken in, and
 * once it is stored, counts (perhaps twice, until the next reading) with what was taken. The
 * same is kept per sending state, so that admission can share a lane between states. Exposed as {@code chancery_lane_backlog_notices{lane}} and {@code chancery_lane_wait_seconds{lane}}.
 */
@ApplicationScoped
public class Backlog {

    private static final Logger LOG = Logger.getLogger(Backlog.class);
    /** How far back the drain rate looks. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    @Inject
    OpenNotices notices;

    @Inject
    MeterRegistry registry;

    /**
     * The rate a lane is assumed to drain at, at least, in notices per second: until a lane has
     * been busy for a while, what it ended lately says how much came, not how much it can carry.
     */
    @ConfigProperty(name = "chancery.ministry.admission.least-drain-rate")
    double leastDrainRate;

    /**
     * A lane as last read: its notices under way, in all and per sending state, how fast it drained,
     * and what this replica had taken in by then.
     */
    private record Reading(long open, Map<String, Long> openByState, double drainPerSecond, long takenBefore,
            Map<String, Long> takenBeforeByState) {
    }

    /** What this replica took in and is taking in, for one lane, in all and per sending state. */
    private static final class Counts {
        final AtomicLong taken = new AtomicLong();
        final AtomicLong takingIn = new AtomicLong();
        final Map<String, AtomicLong> takenBy = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> takingInBy = new ConcurrentHashMap<>();

        static long of(Map<String, AtomicLong> counts, String state) {
            AtomicLong count = counts.get(state);
            return count == null ? 0 : count.get();
        }

        static void add(Map<String, AtomicLong> counts, String state, long count) {
            counts.computeIfAbsent(state, s -> new AtomicLong()).addAndGet(count);
        }
    }

    private final Map<Lane, Counts> counts = new EnumMap<>(Lane.class);
    private volatile Map<Lane, Reading> readings;

    @PostConstruct
    void register() {
        for (Lane lane : Lane.values()) {
            counts.put(lane, new Counts());
            Gauge.builder("chancery.lane.backlog.notices", this, b -> b.open(lane))
                    .description("Notices under way in the lane, not yet at a final status").tag("lane", lane.suffix())
                    .register(registry);
            Gauge.builder("chancery.lane.wait.seconds", this, b -> b.wait(lane).toMillis() / 1000.0)
                    .description("How long a notice taken in now would wait behind the lane's backlog")
                    .tag("lane", lane.suffix()).register(registry);
        }
    }

    @Scheduled(every = "${chancery.ministry.admission.backlog-read-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        try {
            read();
        } catch (RuntimeException e) {
            LOG.debugf("backlog not read this time: %s", e.toString());
        }
    }

    private synchronized Map<Lane, Reading> read() {
        Map<Lane, Long> takenBefore = new EnumMap<>(Lane.class);
        Map<Lane, Map<String, Long>> takenBeforeByState = new EnumMap<>(Lane.class);
        counts.forEach((lane, c) -> {
            takenBefore.put(lane, c.taken.get());
            Map<String, Long> byState = new HashMap<>();
            c.takenBy.forEach((state, count) -> byState.put(state, count.get()));
            takenBeforeByState.put(lane, byState);
        });
        Map<Lane, Map<String, Long>> open = notices.openByState();
        Map<Precedence, Long> ended = notices.endedSince(Instant.now().minus(WINDOW));
        Map<Lane, Reading> read = new EnumMap<>(Lane.class);
        for (Lane lane : Lane.values()) {
            long endedInLane = lane.precedences().stream().mapToLong(p -> ended.getOrDefault(p, 0L)).sum();
            Map<String, Long> openByState = open.getOrDefault(lane, Map.of());
            read.put(lane, new Reading(openByState.values().stream().mapToLong(Long::longValue).sum(), openByState,
                    endedInLane / (double) WINDOW.toSeconds(), takenBefore.get(lane), takenBeforeByState.get(lane)));
        }
        readings = read;
        return read;
    }

    /** Whether the lanes have been read from the database yet: until then, a question about them reads it. */
    public boolean hasReading() {
        return readings != null;
    }

    private Reading reading(Lane lane) {
        Map<Lane, Reading> read = readings;
        return (read != null ? read : read()).get(lane);
    }

    /**
     * Notices a state's ministry sends, admitted, being taken in: they count until closed, when
     * those stored have been {@link #taken}.
     */
    public TakingIn takingIn(Lane lane, String state, int count) {
        Counts c = counts.get(lane);
        c.takingIn.addAndGet(count);
        Counts.add(c.takingInBy, state, count);
        return () -> {
            c.takingIn.addAndGet(-count);
            Counts.add(c.takingInBy, state, -count);
        };
    }

    /** Notices being taken in, counted until closed. */
    public interface TakingIn extends AutoCloseable {
        @Override
        void close();
    }

    /** Notices stored (taken in) by this replica: they count until the next reading has them. */
    public void taken(Lane lane, String state, int count) {
        Counts c = counts.get(lane);
        c.taken.addAndGet(count);
        Counts.add(c.takenBy, state, count);
    }

    /** Notices under way in the lane. */
    public long open(Lane lane) {
        Reading reading = reading(lane);
        Counts c = counts.get(lane);
        return reading.open() + c.taken.get() - reading.takenBefore() + c.takingIn.get();
    }

    /** Notices a state's ministry sent that are under way in the lane. */
    public long open(Lane lane, String state) {
        Reading reading = reading(lane);
        Counts c = counts.get(lane);
        return reading.openByState().getOrDefault(state, 0L) + Counts.of(c.takenBy, state)
                - reading.takenBeforeByState().getOrDefault(state, 0L) + Counts.of(c.takingInBy, state);
    }

    /** How many states have notices under way in the lane, {@code state} counted whether it has or not. */
    public int statesSending(Lane lane, String state) {
        Reading reading = reading(lane);
        Set<String> states = new HashSet<>(reading.openByState().keySet());
        Counts c = counts.get(lane);
        c.takingInBy.forEach((s, count) -> {
            if (count.get() > 0) {
                states.add(s);
            }
        });
        c.takenBy.forEach((s, count) -> {
            if (count.get() > reading.takenBeforeByState().getOrDefault(s, 0L)) {
                states.add(s);
            }
        });
        states.add(state);
        return states.size();
    }

    /** Notices per second the lane drains at, as measured, but never less than the least rate assumed. */
    public double drainPerSecond(Lane lane) {
        return Math.max(reading(lane).drainPerSecond(), leastDrainRate);
    }

    /** How long the lane needs to carry this many notices. */
    public Duration timeFor(Lane lane, long notices) {
        return Duration.ofMillis(Math.round(notices * 1000 / drainPerSecond(lane)));
    }

    /** How long a notice taken in now would wait behind the lane's backlog. */
    public Duration wait(Lane lane) {
        return timeFor(lane, open(lane));
    }

    /** When a notice of the lane taken in now should reach its receiver. */
    public Instant estimatedDelivery(Lane lane) {
        return Instant.now().plus(wait(lane)).truncatedTo(ChronoUnit.MILLIS);
    }

    /** When a notice accepted then, and still under way, should reach its receiver: after those ahead of it. */
    public Instant estimatedDelivery(Precedence precedence, Instant acceptedAt) {
        Lane lane = Lane.of(precedence);
        return Instant.now().plus(timeFor(lane, notices.acceptedBefore(lane.precedences(), acceptedAt)))
                .truncatedTo(ChronoUnit.MILLIS);
    }
}
