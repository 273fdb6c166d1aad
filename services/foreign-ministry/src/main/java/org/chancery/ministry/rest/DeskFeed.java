package org.chancery.ministry.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.chancery.access.TokenRevocations;
import org.chancery.messaging.Database;
import org.chancery.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * What open desks hear: each status a note their ministry sent reaches ({@code sent}), and each
 * note delivered to it ({@code received}). One reader per replica, while any desk is open, reads
 * every new status change and delivery from the database once a second and hands each to the desks
 * of its state: a desk hears every change whichever replica made it, and a second desk costs no
 * query. Both are read by a number the database gives each row ({@code status_change.id},
 * {@code received_notice.seq}), looking back a window of rows, since concurrent transactions can
 * commit in another order than they took their numbers; each change is announced once.
 * <p>
 * A desk is sent {@code ready} after the first read that follows its opening: from then on it hears
 * every change, and it reads its lists then, so that nothing falls between the two. A stream ends
 * when its token expires or is revoked, or after {@link #LONGEST}; the desk then connects again.
 */
@ApplicationScoped
public class DeskFeed {

    private static final Logger LOG = Logger.getLogger(DeskFeed.class);
    static final Duration EVERY = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofMinutes(30);
    /** A comment this often keeps the connection open through proxies while nothing happens. */
    static final Duration KEEPALIVE = Duration.ofSeconds(15);
    /**
     * How many rows back each read looks: several of the largest batches (a batch of 500 hops writes
     * at most about a thousand status changes), so that a batch that commits after a later one is
     * still read.
     */
    static final long LOOKBACK = 5_000;
    /** The most desks open at once: for one state, and in all. */
    static final int MOST_PER_STATE = 20;
    static final int MOST = 1_000;

    static final String CHANGES = "select sc.id, sc.notice_id, sc.status, s.circular_id, s.from_state, s.reference "
            + "from status_change sc join sent_notice s on s.id = sc.notice_id where sc.id > ? order by sc.id";
    static final String DELIVERIES = "select seq, id, to_state from received_notice where seq > ? order by seq";

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "desk-feed");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Set<Watch>> desks = new ConcurrentHashMap<>();

    // Touched only on the timer's thread.
    private boolean started;
    private boolean primed;
    private final Window changes = new Window();
    private final Window deliveries = new Window();

    @Inject
    Database database;

    @Inject
    ObjectMapper json;

    @Inject
    TokenRevocations revocations;

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    /**
     * Streams {@code token}'s ministry's changes to {@code sink} from the next read on; 429 if too
     * many desks are open.
     */
    void open(String state, JsonWebToken token, SseEventSink sink, Sse sse) {
        if (desks.getOrDefault(state, Set.of()).size() >= MOST_PER_STATE
                || desks.values().stream().mapToInt(Set::size).sum() >= MOST) {
            throw new ProblemException(429, "Too many desks open", "the ministry of " + state + " has "
                    + MOST_PER_STATE + " desks open here already (or the service " + MOST + " in all); close one");
        }
        Instant until = Instant.ofEpochSecond(token.getExpirationTime());
        Watch watch = new Watch(state, token, sink, sse, until.isBefore(Instant.now().plus(LONGEST)) ? until
                : Instant.now().plus(LONGEST));
        desks.computeIfAbsent(state, s -> new CopyOnWriteArraySet<>()).add(watch);
        timer.execute(this::start);
    }

    private void start() {
        if (!started) {
            started = true;
            timer.scheduleWithFixedDelay(this::read, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One read for every open desk. */
    private void read() {
        try {
            List<Watch> open = new ArrayList<>();
            for (Set<Watch> watches : desks.values()) {
                watches.removeIf(w -> !w.stillOpen());
                open.addAll(watches);
            }
            if (open.isEmpty()) {
                // What happens while no desk is open is for no one: the next desk starts from the newest.
                primed = false;
                changes.reset();
                deliveries.reset();
                return;
            }
            readChanges();
            readDeliveries();
            primed = true;
            for (Watch watch : open) {
                watch.readyOrAlive();
            }
        } catch (RuntimeException e) {
            LOG.warnf("the desks' feed could not read: %s", e.toString());
        }
    }

    private void readChanges() {
        database.call(connection -> {
            changes.startAt(connection, "select coalesce(max(id), 0) from status_change");
            try (PreparedStatement query = connection.prepareStatement(CHANGES)) {
                query.setLong(1, changes.from());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        if (changes.isNew(rows.getLong(1)) && primed) {
                            ObjectNode event = json.createObjectNode().put("id", rows.getString(2))
                                    .put("status", rows.getString(3));
                            if (rows.getString(4) != null) {
                                event.put("circular", rows.getString(4));
                            }
                            if (rows.getString(6) != null) {
                                event.put("reference", rows.getString(6));
                            }
                            tell(rows.getString(5), "sent", event);
                        }
                    }
                }
            }
            return null;
        });
        changes.forgetBefore();
    }

    private void readDeliveries() {
        database.call(connection -> {
            deliveries.startAt(connection, "select coalesce(max(seq), 0) from received_notice");
            try (PreparedStatement query = connection.prepareStatement(DELIVERIES)) {
                query.setLong(1, deliveries.from());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        if (deliveries.isNew(rows.getLong(1)) && primed) {
                            tell(rows.getString(3), "received", json.createObjectNode().put("id", rows.getString(2)));
                        }
                    }
                }
            }
            return null;
        });
        deliveries.forgetBefore();
    }

    private void tell(String state, String name, ObjectNode data) {
        for (Watch watch : desks.getOrDefault(state, Set.of())) {
            watch.send(name, data);
        }
    }

    /** The rows a read has seen, by number, within the look-back. */
    private static final class Window {
        private long newest = -1;
        private final Set<Long> seen = new HashSet<>();

        /** Before the first read: from the newest row there is, less the look-back. */
        void startAt(Connection connection, String newestNumber) throws SQLException {
            if (newest < 0) {
                try (PreparedStatement query = connection.prepareStatement(newestNumber);
                        ResultSet row = query.executeQuery()) {
                    row.next();
                    newest = row.getLong(1);
                }
            }
        }

        long from() {
            return newest - LOOKBACK;
        }

        void reset() {
            newest = -1;
            seen.clear();
        }

        boolean isNew(long number) {
            newest = Math.max(newest, number);
            return seen.add(number);
        }

        void forgetBefore() {
            seen.removeIf(n -> n <= newest - LOOKBACK);
        }
    }

    /** One open desk. */
    private final class Watch {
        final String state;
        final JsonWebToken token;
        final SseEventSink sink;
        final Sse sse;
        final Instant until;
        volatile boolean ready;
        volatile Instant lastSent = Instant.now();

        Watch(String state, JsonWebToken token, SseEventSink sink, Sse sse, Instant until) {
            this.state = state;
            this.token = token;
            this.sink = sink;
            this.sse = sse;
            this.until = until;
        }

        boolean stillOpen() {
            if (!sink.isClosed() && Instant.now().isBefore(until) && !revocations.isRevoked(token)) {
                return true;
            }
            if (!sink.isClosed()) {
                sink.close();
            }
            return false;
        }

        void readyOrAlive() {
            if (!ready) {
                ready = true;
                send("ready", json.createObjectNode());
            } else if (Instant.now().isAfter(lastSent.plus(KEEPALIVE))) {
                sent(sink.send(sse.newEventBuilder().comment("keepalive").build()));
            }
        }

        void send(String name, ObjectNode data) {
            sent(sink.send(sse.newEventBuilder().name(name).data(data.toString()).build()));
        }

        private void sent(CompletionStage<?> sending) {
            lastSent = Instant.now();
            sending.whenComplete((done, failure) -> {
                if (failure != null && !sink.isClosed()) {
                    sink.close();
                }
            });
        }
    }
}
