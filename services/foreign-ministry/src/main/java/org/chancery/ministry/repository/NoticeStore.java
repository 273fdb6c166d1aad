package org.chancery.ministry.repository;

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
import org.chancery.messaging.Batch;
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

    /** A notice as taken in; its receipt and failure come later, by {@link #STANDINGS}. */
    static final Batch<SentNotice> SENT = content(Batch.<SentNotice>columns()
            .uuid("id", n -> n.id), n -> n.content)
            .timestamptz("deliver_by", n -> n.deliverBy)
            .text("plan", n -> n.plan)
            .enumName("status", n -> n.status)
            .timestamptz("accepted_at", n -> n.acceptedAt)
            .text("regime", n -> n.regime)
            .timestamptz("event_at", n -> n.eventAt)
            .uuid("circular_id", n -> n.circularId)
            .text("sealed_body", n -> n.sealedBody)
            .text("late_owed", n -> n.lateOwed)
            .text("late_gave", n -> n.lateGave)
            .insertInto("sent_notice");
    /** What a sent notice's row holds, in the order {@link #sent} reads it. */
    private static final String SENT_COLUMNS = SENT.names() + ", receipt_outcome, receipt_at, receipt_reason, "
            + "failure_reason";

    static final Batch<Standing> STANDINGS = Batch.<Standing>columns()
            .uuid("id", s -> s.id)
            .enumName("status", s -> s.status)
            .enumName("receipt_outcome", s -> s.receiptOutcome)
            .timestamptz("receipt_at", s -> s.receiptAt)
            .text("receipt_reason", s -> s.receiptReason)
            .text("failure_reason", s -> s.failureReason)
            .statement("update sent_notice s set status = u.status, receipt_outcome = u.receipt_outcome, "
                    + "receipt_at = u.receipt_at, receipt_reason = u.receipt_reason, failure_reason = u.failure_reason "
                    + "from {rows} where s.id = u.id");

    static final Batch<Settlement> SETTLEMENTS = Batch.<Settlement>columns()
            .uuid("notice_id", Settlement::noticeId)
            .int4("number", Settlement::number)
            .enumName("state", Settlement::state)
            .text("reason", Settlement::reason)
            .timestamptz("at", Settlement::at)
            .enumName("only_if", Settlement::onlyIf)
            .statement("update attempt a set state = u.state, reason = u.reason, updated_at = u.at, "
                    + "escalate_at = case when u.state in ('IN_FLIGHT', 'DELIVERED') then a.escalate_at end "
                    + "from {rows} where a.notice_id = u.notice_id and a.number = u.number "
                    + "and (u.only_if is null or a.state = u.only_if)");

    // Driven by the notices (the attempts' unique index), not by the partial index of every escalation due.
    static final Batch<UUID> ESCALATIONS_STOPPED = Batch.<UUID>columns()
            .uuid("id", id -> id)
            .statement("update attempt a set escalate_at = null from {rows} "
                    + "where a.notice_id = u.id and a.escalate_at is not null");

    /** An attempt as added, and as {@link #attempts} reads it back after its id. */
    static final Batch<Attempt> ATTEMPTS = Batch.<Attempt>columns()
            .uuid("notice_id", a -> a.noticeId)
            .int4("number", a -> a.number)
            .enumName("channel", a -> a.channel)
            .text("via", a -> a.via)
            .text("dispatch_hop", a -> a.dispatchHop)
            .timestamptz("dispatched_at", a -> a.dispatchedAt)
            .timestamptz("escalate_at", a -> a.escalateAt)
            .enumName("state", a -> a.state)
            .text("reason", a -> a.reason)
            .timestamptz("updated_at", a -> a.updatedAt)
            .insertInto("attempt");

    /** Each status the first time a notice reaches it. */
    static final Batch<StatusEntry> HISTORY = Batch.<StatusEntry>columns()
            .uuid("notice_id", StatusEntry::noticeId)
            .enumName("status", StatusEntry::status)
            .timestamptz("at", StatusEntry::at)
            .text("detail", StatusEntry::detail)
            .insertInto("status_change", "on conflict (notice_id, status) do nothing");

    /** Notices delivered to this service's ministries, each kept once. */
    static final Batch<ReceivedNotice> RECEIVED = content(Batch.<ReceivedNotice>columns()
            .uuid("id", r -> r.id), r -> r.content)
            .enumName("channel", r -> r.channel)
            .text("delivered_by", r -> r.deliveredBy)
            .timestamptz("delivered_at", r -> r.deliveredAt)
            .enumName("receipt_outcome", r -> r.receiptOutcome)
            .text("receipt_reason", r -> r.receiptReason)
            .timestamptz("receipt_at", r -> r.receiptAt)
            .insertInto("received_notice", "on conflict do nothing");

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
        List<SentNotice> sent = new ArrayList<>(taken.size());
        taken.forEach(t -> sent.add(t.notice()));
        database.call(connection -> {
            SENT.execute(connection, sent);
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
        if (!changed.isEmpty()) {
            STANDINGS.execute(connection, changed);
        }
    }

    private static void settleAttempts(Connection connection, NoticeChanges changes) throws SQLException {
        if (!changes.settlements.isEmpty()) {
            SETTLEMENTS.execute(connection, changes.settlements.values());
        }
    }

    private static void stopEscalating(Connection connection, NoticeChanges changes) throws SQLException {
        if (!changes.escalationsStopped.isEmpty()) {
            ESCALATIONS_STOPPED.execute(connection, changes.escalationsStopped);
        }
    }

    private static void insertAttempts(Connection connection, NoticeChanges changes) throws SQLException {
        if (!changes.newAttempts.isEmpty()) {
            ATTEMPTS.execute(connection, changes.newAttempts);
        }
    }

    private static void writeHistory(Connection connection, NoticeChanges changes) throws SQLException {
        if (!changes.history.isEmpty()) {
            HISTORY.execute(connection, changes.history);
        }
    }

    private static void insertReceived(Connection connection, NoticeChanges changes) throws SQLException {
        if (!changes.received.isEmpty()) {
            RECEIVED.execute(connection, changes.received);
        }
    }

    /** The columns of a notice's content, which sent and received notices both hold. */
    private static <T> Batch.Columns<T> content(Batch.Columns<T> columns, Function<T, NoticeContent> content) {
        return columns
                .text("from_state", row -> content.apply(row).fromState)
                .text("to_state", row -> content.apply(row).toState)
                .enumName("kind", row -> content.apply(row).kind)
                .enumName("precedence", row -> content.apply(row).precedence)
                .enumName("classification", row -> content.apply(row).classification)
                .text("subject", row -> content.apply(row).subject)
                .text("body", row -> content.apply(row).body)
                .text("body_digest", row -> content.apply(row).bodyDigest)
                .text("reference", row -> content.apply(row).reference)
                .uuid("in_reply_to", row -> content.apply(row).inReplyTo)
                .text("cited", row -> content.apply(row).cited);
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
                        c.reference = rows.getString(10);
                        c.inReplyTo = rows.getObject(11, UUID.class);
                        c.cited = rows.getString(12);
                        n.content = c;
                        n.deliverBy = instant(rows.getTimestamp(13));
                        n.plan = rows.getString(14);
                        n.status = NoticeStatus.valueOf(rows.getString(15));
                        n.acceptedAt = instant(rows.getTimestamp(16));
                        n.regime = rows.getString(17);
                        n.eventAt = instant(rows.getTimestamp(18));
                        n.circularId = rows.getObject(19, UUID.class);
                        n.sealedBody = rows.getString(20);
                        n.lateOwed = rows.getString(21);
                        n.lateGave = rows.getString(22);
                        n.receiptOutcome = enumOrNull(ReceiptOutcome.class, rows.getString(23));
                        n.receiptAt = instant(rows.getTimestamp(24));
                        n.receiptReason = rows.getString(25);
                        n.failureReason = rows.getString(26);
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
                    "select id, " + ATTEMPTS.names() + " from attempt " + where)) {
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
