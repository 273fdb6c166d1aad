package org.chancery.ministry.repository;

import static org.chancery.messaging.SqlArrays.column;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.chancery.events.Channel;
import org.chancery.events.Classification;
import org.chancery.events.NoticeKind;
import org.chancery.events.NoticeStatus;
import org.chancery.events.Precedence;
import org.chancery.events.ReceiptOutcome;
import org.chancery.messaging.Database;
import org.chancery.messaging.SqlArrays;
import org.chancery.ministry.domain.AttemptState;
import org.chancery.ministry.entity.Attempt;
import org.chancery.ministry.entity.NoticeContent;
import org.chancery.ministry.entity.ReceivedNotice;
import org.chancery.ministry.entity.SentNotice;
import org.chancery.ministry.repository.NoticeChanges.Settlement;
import org.chancery.ministry.repository.NoticeChanges.Standing;
import org.chancery.ministry.repository.NoticeChanges.StatusEntry;

/**
 * The ministry's notices on the hot path, in plain SQL in the caller's transaction: a notice taken
 * in with one transaction, and a batch's changes with one statement per table. The entities are
 * the rows as REST reads them; here they only carry values.
 */
@ApplicationScoped
public class NoticeStore {

    private static final String SENT_COLUMNS = "id, from_state, to_state, kind, precedence, classification, subject, "
            + "body, body_digest, deliver_by, plan, status, accepted_at, regime, event_at, circular_id, sealed_body, "
            + "late_owed, late_gave, receipt_outcome, receipt_at, receipt_reason, failure_reason";
    private static final String ATTEMPT_COLUMNS =
            "notice_id, number, channel, via, dispatch_hop, dispatched_at, escalate_at, state, reason, updated_at";

    @Inject
    Database database;

    /** A notice taken in: its row, the statuses it reached, its first attempt. */
    public record Taken(SentNotice notice, List<StatusEntry> history, Attempt first) {
    }

    /** Notices taken in: one statement for their rows, one for their statuses, one for their attempts. */
    public void accept(List<Taken> taken) {
        NoticeChanges changes = new NoticeChanges();
        taken.forEach(t -> {
            changes.history.addAll(t.history());
            changes.attempt(t.first());
        });
        List<SentNotice> sent = column(taken, Taken::notice);
        database.call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into sent_notice (" + SENT_COLUMNS
                    + ") select *, null, null, null, null from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], "
                    + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], "
                    + "?::timestamptz[], ?::text[], ?::timestamptz[], ?::uuid[], ?::text[], ?::text[], ?::text[])")) {
                insert.setArray(1, SqlArrays.uuids(connection, column(sent, n -> n.id)));
                insert.setArray(2, SqlArrays.texts(connection, column(sent, n -> n.content.fromState)));
                insert.setArray(3, SqlArrays.texts(connection, column(sent, n -> n.content.toState)));
                insert.setArray(4, SqlArrays.texts(connection, column(sent, n -> name(n.content.kind))));
                insert.setArray(5, SqlArrays.texts(connection, column(sent, n -> name(n.content.precedence))));
                insert.setArray(6, SqlArrays.texts(connection, column(sent, n -> name(n.content.classification))));
                insert.setArray(7, SqlArrays.texts(connection, column(sent, n -> n.content.subject)));
                insert.setArray(8, SqlArrays.texts(connection, column(sent, n -> n.content.body)));
                insert.setArray(9, SqlArrays.texts(connection, column(sent, n -> n.content.bodyDigest)));
                insert.setArray(10, SqlArrays.instants(connection, column(sent, n -> n.deliverBy)));
                insert.setArray(11, SqlArrays.texts(connection, column(sent, n -> n.plan)));
                insert.setArray(12, SqlArrays.texts(connection, column(sent, n -> name(n.status))));
                insert.setArray(13, SqlArrays.instants(connection, column(sent, n -> n.acceptedAt)));
                insert.setArray(14, SqlArrays.texts(connection, column(sent, n -> n.regime)));
                insert.setArray(15, SqlArrays.instants(connection, column(sent, n -> n.eventAt)));
                insert.setArray(16, SqlArrays.uuids(connection, column(sent, n -> n.circularId)));
                insert.setArray(17, SqlArrays.texts(connection, column(sent, n -> n.sealedBody)));
                insert.setArray(18, SqlArrays.texts(connection, column(sent, n -> n.lateOwed)));
                insert.setArray(19, SqlArrays.texts(connection, column(sent, n -> n.lateGave)));
                insert.executeUpdate();
            }
            writeHistory(connection, changes);
            insertAttempts(connection, changes);
            return null;
        });
    }

    /** Removes notices that were never sent; returns how many there were. */
    public int delete(Collection<UUID> ids) {
        return database.call(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("delete from sent_notice where id = any(?)")) {
                delete.setArray(1, SqlArrays.uuids(connection, ids));
                return delete.executeUpdate();
            }
        });
    }

    /** Where each of these sent notices stands, locked until the transaction ends; unknown ids are left out. */
    public Map<UUID, Standing> lock(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return database.call(connection -> {
            try (PreparedStatement query = connection.prepareStatement("select id, status, from_state, to_state, "
                    + "receipt_outcome, receipt_at, receipt_reason, failure_reason, regime, accepted_at, kind from sent_notice "
                    + "where id = any(?) order by id for update")) {
                query.setArray(1, SqlArrays.uuids(connection, ids));
                Map<UUID, Standing> standings = new HashMap<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Standing s = new Standing(rows.getObject(1, UUID.class), NoticeStatus.valueOf(rows.getString(2)),
                                rows.getString(3), rows.getString(4));
                        s.receiptOutcome = enumOrNull(ReceiptOutcome.class, rows.getString(5));
                        s.receiptAt = instant(rows.getTimestamp(6));
                        s.receiptReason = rows.getString(7);
                        s.failureReason = rows.getString(8);
                        s.regime = rows.getString(9);
                        s.acceptedAt = instant(rows.getTimestamp(10));
                        s.kind = NoticeKind.valueOf(rows.getString(11));
                        standings.put(s.id, s);
                    }
                }
                return standings;
            }
        });
    }

    /**
     * The whole of a sent notice, locked until the transaction ends; empty if there is none, or if
     * {@code skipLocked} and another transaction holds it.
     */
    public Optional<SentNotice> whole(UUID id, boolean skipLocked) {
        List<SentNotice> found = sent("where id = ? for update" + (skipLocked ? " skip locked" : ""),
                (connection, query) -> query.setObject(1, id));
        return found.stream().findFirst();
    }

    /** Open notices whose deadline has passed, locked; those another transaction holds are left for later. */
    public List<SentNotice> overdue(Instant now, int limit) {
        return sent("where deliver_by <= ? and status in ('ACCEPTED', 'IN_TRANSIT', 'DELIVERED') order by deliver_by "
                + "limit " + limit + " for update skip locked", (connection, query) -> query.setTimestamp(1, timestamp(now)));
    }

    /** Every attempt of a notice, in order. */
    public List<Attempt> attempts(UUID noticeId) {
        return attempts("where notice_id = ? order by number", (connection, query) -> query.setObject(1, noticeId));
    }

    /** Attempts due for escalation, locked; those another transaction holds are left for later. */
    public List<Attempt> dueForEscalation(Instant now, int limit) {
        return attempts("where escalate_at <= ? order by escalate_at limit " + limit + " for update skip locked",
                (connection, query) -> query.setTimestamp(1, timestamp(now)));
    }

    /** Writes a batch's changes: one statement for each kind of change that it holds. */
    public void write(NoticeChanges changes) {
        if (changes.isEmpty()) {
            return;
        }
        database.call(connection -> {
            updateStandings(connection, changes);
            settleAttempts(connection, changes);
            stopEscalating(connection, changes);
            insertAttempts(connection, changes);
            writeHistory(connection, changes);
            insertReceived(connection, changes);
            return null;
        });
    }

    private static void updateStandings(Connection connection, NoticeChanges changes) throws SQLException {
        List<Standing> changed = changes.standings.values().stream().filter(s -> s.changed).toList();
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("update sent_notice s set status = u.status, "
                + "receipt_outcome = u.receipt_outcome, receipt_at = u.receipt_at, receipt_reason = u.receipt_reason, "
                + "failure_reason = u.failure_reason "
                + "from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[]) "
                + "as u(id, status, receipt_outcome, receipt_at, receipt_reason, failure_reason) where s.id = u.id")) {
            update.setArray(1, SqlArrays.uuids(connection, column(changed, s -> s.id)));
            update.setArray(2, SqlArrays.texts(connection, column(changed, s -> s.status.name())));
            update.setArray(3, SqlArrays.texts(connection, column(changed, s -> name(s.receiptOutcome))));
            update.setArray(4, SqlArrays.instants(connection, column(changed, s -> s.receiptAt)));
            update.setArray(5, SqlArrays.texts(connection, column(changed, s -> s.receiptReason)));
            update.setArray(6, SqlArrays.texts(connection, column(changed, s -> s.failureReason)));
            update.executeUpdate();
        }
    }

    private static void settleAttempts(Connection connection, NoticeChanges changes) throws SQLException {
        List<Settlement> settled = List.copyOf(changes.settlements.values());
        if (settled.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("update attempt a set state = u.state, "
                + "reason = u.reason, updated_at = u.at, "
                + "escalate_at = case when u.state in ('IN_FLIGHT', 'DELIVERED') then a.escalate_at end "
                + "from unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::timestamptz[], ?::text[]) "
                + "as u(notice_id, number, state, reason, at, only_if) "
                + "where a.notice_id = u.notice_id and a.number = u.number and (u.only_if is null or a.state = u.only_if)")) {
            update.setArray(1, SqlArrays.uuids(connection, column(settled, Settlement::noticeId)));
            update.setArray(2, SqlArrays.ints(connection, column(settled, Settlement::number)));
            update.setArray(3, SqlArrays.texts(connection, column(settled, s -> s.state().name())));
            update.setArray(4, SqlArrays.texts(connection, column(settled, Settlement::reason)));
            update.setArray(5, SqlArrays.instants(connection, column(settled, Settlement::at)));
            update.setArray(6, SqlArrays.texts(connection, column(settled, s -> name(s.onlyIf()))));
            update.executeUpdate();
        }
    }

    private static void stopEscalating(Connection connection, NoticeChanges changes) throws SQLException {
        if (changes.escalationsStopped.isEmpty()) {
            return;
        }
        // Driven by the notices (the attempts' unique index), not by the partial index of every escalation due.
        try (PreparedStatement update = connection.prepareStatement("update attempt a set escalate_at = null "
                + "from unnest(?::uuid[]) as n(id) where a.notice_id = n.id and a.escalate_at is not null")) {
            update.setArray(1, SqlArrays.uuids(connection, changes.escalationsStopped));
            update.executeUpdate();
        }
    }

    private static void insertAttempts(Connection connection, NoticeChanges changes) throws SQLException {
        List<Attempt> added = changes.newAttempts;
        if (added.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into attempt (" + ATTEMPT_COLUMNS + ") "
                + "select * from unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], "
                + "?::timestamptz[], ?::text[], ?::text[], ?::timestamptz[])")) {
            insert.setArray(1, SqlArrays.uuids(connection, column(added, a -> a.noticeId)));
            insert.setArray(2, SqlArrays.ints(connection, column(added, a -> a.number)));
            insert.setArray(3, SqlArrays.texts(connection, column(added, a -> a.channel.name())));
            insert.setArray(4, SqlArrays.texts(connection, column(added, a -> a.via)));
            insert.setArray(5, SqlArrays.texts(connection, column(added, a -> a.dispatchHop)));
            insert.setArray(6, SqlArrays.instants(connection, column(added, a -> a.dispatchedAt)));
            insert.setArray(7, SqlArrays.instants(connection, column(added, a -> a.escalateAt)));
            insert.setArray(8, SqlArrays.texts(connection, column(added, a -> a.state.name())));
            insert.setArray(9, SqlArrays.texts(connection, column(added, a -> a.reason)));
            insert.setArray(10, SqlArrays.instants(connection, column(added, a -> a.updatedAt)));
            insert.executeUpdate();
        }
    }

    /** Each status the first time a notice reaches it. */
    private static void writeHistory(Connection connection, NoticeChanges changes) throws SQLException {
        List<StatusEntry> history = changes.history;
        if (history.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into status_change (notice_id, status, at, "
                + "detail) select * from unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::text[]) "
                + "on conflict (notice_id, status) do nothing")) {
            insert.setArray(1, SqlArrays.uuids(connection, column(history, StatusEntry::noticeId)));
            insert.setArray(2, SqlArrays.texts(connection, column(history, e -> e.status().name())));
            insert.setArray(3, SqlArrays.instants(connection, column(history, StatusEntry::at)));
            insert.setArray(4, SqlArrays.texts(connection, column(history, StatusEntry::detail)));
            insert.executeUpdate();
        }
    }

    /** Notices delivered to this service's ministries, each kept once. */
    private static void insertReceived(Connection connection, NoticeChanges changes) throws SQLException {
        List<ReceivedNotice> received = changes.received;
        if (received.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into received_notice (id, from_state, "
                + "to_state, kind, precedence, classification, subject, body, body_digest, channel, delivered_by, "
                + "delivered_at, receipt_outcome, receipt_reason, receipt_at) select * from unnest(?::uuid[], ?::text[], "
                + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
                + "?::timestamptz[], ?::text[], ?::text[], ?::timestamptz[]) on conflict do nothing")) {
            insert.setArray(1, SqlArrays.uuids(connection, column(received, r -> r.id)));
            insert.setArray(2, SqlArrays.texts(connection, column(received, r -> r.content.fromState)));
            insert.setArray(3, SqlArrays.texts(connection, column(received, r -> r.content.toState)));
            insert.setArray(4, SqlArrays.texts(connection, column(received, r -> name(r.content.kind))));
            insert.setArray(5, SqlArrays.texts(connection, column(received, r -> name(r.content.precedence))));
            insert.setArray(6, SqlArrays.texts(connection, column(received, r -> name(r.content.classification))));
            insert.setArray(7, SqlArrays.texts(connection, column(received, r -> r.content.subject)));
            insert.setArray(8, SqlArrays.texts(connection, column(received, r -> r.content.body)));
            insert.setArray(9, SqlArrays.texts(connection, column(received, r -> r.content.bodyDigest)));
            insert.setArray(10, SqlArrays.texts(connection, column(received, r -> name(r.channel))));
            insert.setArray(11, SqlArrays.texts(connection, column(received, r -> r.deliveredBy)));
            insert.setArray(12, SqlArrays.instants(connection, column(received, r -> r.deliveredAt)));
            insert.setArray(13, SqlArrays.texts(connection, column(received, r -> name(r.receiptOutcome))));
            insert.setArray(14, SqlArrays.texts(connection, column(received, r -> r.receiptReason)));
            insert.setArray(15, SqlArrays.instants(connection, column(received, r -> r.receiptAt)));
            insert.executeUpdate();
        }
    }

    @FunctionalInterface
    private interface Parameters {
        void set(Connection connection, PreparedStatement query) throws SQLException;
    }

    private List<SentNotice> sent(String where, Parameters parameters) {
        return database.call(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "select " + SENT_COLUMNS + " from sent_notice " + where)) {
                parameters.set(connection, query);
                List<SentNotice> found = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        SentNotice n = new SentNotice();
                        n.id = rows.getObject(1, UUID.class);
                        NoticeContent c = new NoticeContent();
                        c.fromState = rows.getString(2);
                        c.toState = rows.getString(3);
                        c.kind = NoticeKind.valueOf(rows.getString(4));
                        c.precedence = Precedence.valueOf(rows.getString(5));
                        c.classification = Classification.valueOf(rows.getString(6));
                        c.subject = rows.getString(7);
                        c.body = rows.getString(8);
                        c.bodyDigest = rows.getString(9);
                        n.content = c;
                        n.deliverBy = instant(rows.getTimestamp(10));
                        n.plan = rows.getString(11);
                        n.status = NoticeStatus.valueOf(rows.getString(12));
                        n.acceptedAt = instant(rows.getTimestamp(13));
                        n.regime = rows.getString(14);
                        n.eventAt = instant(rows.getTimestamp(15));
                        n.circularId = rows.getObject(16, UUID.class);
                        n.sealedBody = rows.getString(17);
                        n.lateOwed = rows.getString(18);
                        n.lateGave = rows.getString(19);
                        n.receiptOutcome = enumOrNull(ReceiptOutcome.class, rows.getString(20));
                        n.receiptAt = instant(rows.getTimestamp(21));
                        n.receiptReason = rows.getString(22);
                        n.failureReason = rows.getString(23);
                        found.add(n);
                    }
                }
                return found;
            }
        });
    }

    /** Where each attempt of a sent notice went, and the receipt its receiving ministry gave, if any. */
    public record Answerable(Map<Integer, Channel> channels, Map<Integer, String> vias, ReceiptOutcome given) {
    }

    /**
     * For each of these sent notices, what a receipt or a failure must fit ({@code HopGrammar}): the
     * channel and first party of each attempt, and the outcome the receiving ministry signed. Two
     * queries for a whole batch, of a few columns each.
     */
    public Map<UUID, Answerable> answerable(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return database.call(connection -> {
            Map<UUID, Map<Integer, Channel>> channels = new HashMap<>();
            Map<UUID, Map<Integer, String>> vias = new HashMap<>();
            Map<UUID, ReceiptOutcome> given = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "select notice_id, number, channel, via from attempt where notice_id = any(?)")) {
                query.setArray(1, SqlArrays.uuids(connection, ids));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        UUID id = rows.getObject(1, UUID.class);
                        channels.computeIfAbsent(id, k -> new HashMap<>()).put(rows.getInt(2),
                                Channel.valueOf(rows.getString(3)));
                        vias.computeIfAbsent(id, k -> new HashMap<>()).put(rows.getInt(2), rows.getString(4));
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "select id, receipt_outcome from received_notice where id = any(?)")) {
                query.setArray(1, SqlArrays.uuids(connection, ids));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        given.put(rows.getObject(1, UUID.class), enumOrNull(ReceiptOutcome.class, rows.getString(2)));
                    }
                }
            }
            Map<UUID, Answerable> answerable = new HashMap<>();
            for (UUID id : ids) {
                answerable.put(id, new Answerable(channels.getOrDefault(id, Map.of()), vias.getOrDefault(id, Map.of()),
                        given.get(id)));
            }
            return answerable;
        });
    }

    private List<Attempt> attempts(String where, Parameters parameters) {
        return database.call(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "select id, " + ATTEMPT_COLUMNS + " from attempt " + where)) {
                parameters.set(connection, query);
                List<Attempt> found = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Attempt a = new Attempt();
                        a.id = rows.getLong(1);
                        a.noticeId = rows.getObject(2, UUID.class);
                        a.number = rows.getInt(3);
                        a.channel = Channel.valueOf(rows.getString(4));
                        a.via = rows.getString(5);
                        a.dispatchHop = rows.getString(6);
                        a.dispatchedAt = instant(rows.getTimestamp(7));
                        a.escalateAt = instant(rows.getTimestamp(8));
                        a.state = AttemptState.valueOf(rows.getString(9));
                        a.reason = rows.getString(10);
                        a.updatedAt = instant(rows.getTimestamp(11));
                        found.add(a);
                    }
                }
                return found;
            }
        });
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
