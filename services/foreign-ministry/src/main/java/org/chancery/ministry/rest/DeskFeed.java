package org.chancery.ministry.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.chancery.messaging.Database;
import org.jboss.logging.Logger;

/**
 * What an open desk hears: each status a note its ministry sent reaches ({@code sent}), and each
 * note delivered to it ({@code received}). Read from the database every second rather than from
 * the hops this replica handles, so that a desk hears every change whichever replica made it; the
 * reads look back a little, since rows can commit in another order than they were numbered or
 * timed, and announce each change once. What the first read finds is not announced: it sends
 * {@code ready}, upon which the desk reads its lists, so that nothing falls between the two. A stream ends after {@link #LONGEST}: the desk reconnects, and its
 * token is checked again.
 */
@ApplicationScoped
public class DeskFeed {

    private static final Logger LOG = Logger.getLogger(DeskFeed.class);
    static final Duration EVERY = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofMinutes(30);
    /** A comment this often keeps the connection open through proxies while nothing happens. */
    static final Duration KEEPALIVE = Duration.ofSeconds(15);
    /**
     * How far back each read looks: status changes by number (a thousand is seconds of a busy
     * ministry's changes, far longer than a batch takes to commit, and each read joins that many
     * rows), deliveries by time.
     */
    static final long LOOKBACK_CHANGES = 1_000;
    static final Duration LOOKBACK_DELIVERIES = Duration.ofSeconds(30);

    static final String CHANGES = "select sc.id, sc.notice_id, sc.status, s.circular_id from status_change sc "
            + "join sent_notice s on s.id = sc.notice_id where sc.id > ? and s.from_state = ? order by sc.id";
    static final String DELIVERIES = "select id, delivered_at from received_notice "
            + "where to_state = ? and delivered_at > ? order by delivered_at";

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "desk-feed");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    Database database;

    @Inject
    ObjectMapper json;

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    /** Streams {@code state}'s changes to {@code sink} from now on, until it closes or {@link #LONGEST} is up. */
    void open(String state, SseEventSink sink, Sse sse) {
        Watch watch = new Watch(state, sink, sse, latestChange(), Instant.now());
        watch.task = timer.scheduleWithFixedDelay(watch::poll, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private long latestChange() {
        return database.call(connection -> {
            try (PreparedStatement query = connection.prepareStatement("select coalesce(max(id), 0) from status_change");
                    ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private final class Watch {
        final String state;
        final SseEventSink sink;
        final Sse sse;
        final Instant until = Instant.now().plus(LONGEST);
        /** Announced changes and deliveries, kept while a read still looks back at them. */
        final Map<Long, Boolean> changesSeen = new HashMap<>();
        final Map<UUID, Instant> deliveriesSeen = new HashMap<>();
        long newestChange;
        Instant newestDelivery;
        /** Whether the first read is done: before it, what is found is only remembered. */
        boolean primed;
        Instant lastSent = Instant.now();
        ScheduledFuture<?> task;

        Watch(String state, SseEventSink sink, Sse sse, long newestChange, Instant newestDelivery) {
            this.state = state;
            this.sink = sink;
            this.sse = sse;
            this.newestChange = newestChange;
            this.newestDelivery = newestDelivery;
        }

        void poll() {
            if (sink.isClosed() || Instant.now().isAfter(until)) {
                close();
                return;
            }
            try {
                changes();
                deliveries();
                if (!primed) {
                    // From here on every change is announced: the desk reads its lists again now.
                    primed = true;
                    send("ready", json.createObjectNode());
                }
                if (Instant.now().isAfter(lastSent.plus(KEEPALIVE))) {
                    sent(sink.send(sse.newEventBuilder().comment("keepalive").build()));
                }
            } catch (RuntimeException e) {
                LOG.debugf("a desk's feed for %s ends: %s", state, e.toString());
                close();
            }
        }

        private void changes() {
            long from = newestChange - LOOKBACK_CHANGES;
            database.call(connection -> {
                try (PreparedStatement query = connection.prepareStatement(CHANGES)) {
                    query.setLong(1, from);
                    query.setString(2, state);
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            long id = rows.getLong(1);
                            newestChange = Math.max(newestChange, id);
                            if (id > from && changesSeen.put(id, Boolean.TRUE) == null && primed) {
                                ObjectNode event = json.createObjectNode().put("id", rows.getString(2))
                                        .put("status", rows.getString(3));
                                if (rows.getString(4) != null) {
                                    event.put("circular", rows.getString(4));
                                }
                                send("sent", event);
                            }
                        }
                    }
                }
                return null;
            });
            changesSeen.keySet().removeIf(id -> id <= newestChange - LOOKBACK_CHANGES);
        }

        private void deliveries() {
            Instant from = newestDelivery.minus(LOOKBACK_DELIVERIES);
            database.call(connection -> {
                try (PreparedStatement query = connection.prepareStatement(DELIVERIES)) {
                    query.setString(1, state);
                    query.setTimestamp(2, Timestamp.from(from));
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            UUID id = rows.getObject(1, UUID.class);
                            Instant at = rows.getTimestamp(2).toInstant();
                            if (at.isAfter(newestDelivery)) {
                                newestDelivery = at;
                            }
                            if (deliveriesSeen.put(id, at) == null && primed) {
                                send("received", json.createObjectNode().put("id", id.toString()));
                            }
                        }
                    }
                }
                return null;
            });
            deliveriesSeen.values().removeIf(at -> at.isBefore(newestDelivery.minus(LOOKBACK_DELIVERIES)));
        }

        private void send(String name, ObjectNode data) {
            sent(sink.send(sse.newEventBuilder().name(name).data(data.toString()).build()));
        }

        private void sent(java.util.concurrent.CompletionStage<?> sending) {
            lastSent = Instant.now();
            sending.whenComplete((done, failure) -> {
                if (failure != null) {
                    close();
                }
            });
        }

        private void close() {
            if (task != null) {
                task.cancel(false);
            }
            if (!sink.isClosed()) {
                sink.close();
            }
        }
    }
}
