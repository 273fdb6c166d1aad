package org.chancery.audit.repository;

import static org.chancery.messaging.SqlArrays.column;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chancery.audit.domain.PathDelta;
import org.chancery.audit.service.HopLedger.Kept;
import org.chancery.events.NoticeStatus;
import org.chancery.messaging.Database;
import org.chancery.messaging.SqlArrays;

/**
 * The audit's writes, a batch at a time in the batch's transaction: one statement stores the new
 * hops, one each keeps conflicting copies and rejected hops, one merges every touched notice's
 * summary. The entities are how the queries read these tables.
 */
@ApplicationScoped
public class LedgerStore {

    /** A status's rank, as SQL: the ladder of {@link NoticeStatus}, so that the merge climbs it the same way. */
    private static final String RANK = Stream.of(NoticeStatus.values())
            .map(s -> "when '" + s.name() + "' then " + s.rank())
            .collect(Collectors.joining(" ", "case %s ", " end"));

    private static final String MERGE_SUMMARIES = """
            insert into notice_path as p (notice_id, from_state, to_state, kind, precedence, classification, subject,
                status, channel, attempts, hops, first_at, last_at, dispatched_at, delivered_at, receipt_at, circular_id,
                latency_ms)
            select n.*, extract(epoch from n.receipt_at - n.dispatched_at)::double precision * 1000
            from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                ?::int[], ?::int[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],
                ?::uuid[])
                as n(notice_id, from_state, to_state, kind, precedence, classification, subject, status, channel,
                attempts, hops, first_at, last_at, dispatched_at, delivered_at, receipt_at, circular_id)
            on conflict (notice_id) do update set
                from_state = coalesce(p.from_state, excluded.from_state),
                to_state = coalesce(p.to_state, excluded.to_state),
                kind = coalesce(p.kind, excluded.kind),
                precedence = coalesce(p.precedence, excluded.precedence),
                classification = coalesce(p.classification, excluded.classification),
                subject = coalesce(p.subject, excluded.subject),
                circular_id = coalesce(p.circular_id, excluded.circular_id),
                status = case when %s > %s then excluded.status else p.status end,
                channel = case
                    when excluded.receipt_at is not null and (p.receipt_at is null or excluded.receipt_at < p.receipt_at)
                        then coalesce(excluded.channel, p.channel)
                    when p.receipt_at is not null then p.channel
                    when excluded.attempts >= p.attempts then coalesce(excluded.channel, p.channel)
                    else p.channel end,
                attempts = greatest(p.attempts, excluded.attempts),
                hops = p.hops + excluded.hops,
                first_at = least(p.first_at, excluded.first_at),
                last_at = greatest(p.last_at, excluded.last_at),
                dispatched_at = coalesce(p.dispatched_at, excluded.dispatched_at),
                delivered_at = least(p.delivered_at, excluded.delivered_at),
                receipt_at = least(p.receipt_at, excluded.receipt_at),
                latency_ms = extract(epoch from least(p.receipt_at, excluded.receipt_at)
                    - coalesce(p.dispatched_at, excluded.dispatched_at))::double precision * 1000
            """.formatted(RANK.formatted("excluded.status"), RANK.formatted("p.status"));

    @Inject
    Database database;

    /** Stores the hops whose event id is new; returns those event ids. */
    public Set<UUID> storeHops(List<Kept> hops) {
        if (hops.isEmpty()) {
            return Set.of();
        }
        return database.call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into hop (event_id, notice_id, hop, "
                    + "parent_id, type, service, channel, attempt, from_party, to_party, at, hash, topic, kafka_partition, "
                    + "kafka_offset, payload, received_at, body_bytes) select * from unnest(?::uuid[], ?::uuid[], ?::int[], "
                    + "?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::timestamptz[], "
                    + "?::text[], ?::text[], ?::int[], ?::int8[], ?::text[], ?::timestamptz[], ?::int[]) "
                    + "on conflict (event_id) do nothing "
                    + "returning event_id")) {
                insert.setArray(1, SqlArrays.uuids(connection, column(hops, k -> k.hop().eventId())));
                insert.setArray(2, SqlArrays.uuids(connection, column(hops, k -> k.hop().noticeId())));
                insert.setArray(3, SqlArrays.ints(connection, column(hops, k -> k.hop().hop())));
                insert.setArray(4, SqlArrays.uuids(connection, column(hops, k -> k.hop().parentId())));
                insert.setArray(5, SqlArrays.texts(connection, column(hops, k -> k.hop().type().ceType())));
                insert.setArray(6, SqlArrays.texts(connection, column(hops, k -> k.hop().service())));
                insert.setArray(7, SqlArrays.texts(connection, column(hops,
                        k -> k.hop().channel() == null ? null : k.hop().channel().name())));
                insert.setArray(8, SqlArrays.ints(connection, column(hops, k -> k.hop().attempt())));
                insert.setArray(9, SqlArrays.texts(connection, column(hops, k -> k.hop().from())));
                insert.setArray(10, SqlArrays.texts(connection, column(hops, k -> k.hop().to())));
                insert.setArray(11, SqlArrays.instants(connection, column(hops, k -> k.hop().at())));
                insert.setArray(12, SqlArrays.texts(connection, column(hops, k -> k.hop().hash())));
                setOrigin(connection, insert, 13, hops);
                insert.setArray(16, SqlArrays.texts(connection, column(hops, Kept::evidence)));
                insert.setArray(17, SqlArrays.instants(connection, column(hops, Kept::receivedAt)));
                insert.setArray(18, SqlArrays.ints(connection, column(hops, Kept::bodyBytes)));
                Set<UUID> inserted = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(rows.getObject(1, UUID.class));
                    }
                }
                return inserted;
            }
        });
    }

    /** Of copies of event ids already stored, keeps those whose content differs from the stored one. */
    public void keepConflictingCopies(List<Kept> copies) {
        if (copies.isEmpty()) {
            return;
        }
        database.call(connection -> {
            Map<UUID, String> first = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "select event_id, payload from hop where event_id = any(?)")) {
                query.setArray(1, SqlArrays.uuids(connection, column(copies, k -> k.hop().eventId())));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        first.put(rows.getObject(1, UUID.class), rows.getString(2));
                    }
                }
            }
            List<Kept> conflicting = copies.stream()
                    .filter(k -> !k.evidence().equals(first.get(k.hop().eventId()))).toList();
            if (conflicting.isEmpty()) {
                return null;
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into hop_conflict (event_id, notice_id, "
                    + "payload, topic, received_at) select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], "
                    + "?::timestamptz[])")) {
                insert.setArray(1, SqlArrays.uuids(connection, column(conflicting, k -> k.hop().eventId())));
                insert.setArray(2, SqlArrays.uuids(connection, column(conflicting, k -> k.hop().noticeId())));
                insert.setArray(3, SqlArrays.texts(connection, column(conflicting, Kept::evidence)));
                insert.setArray(4, SqlArrays.texts(connection, column(conflicting, k -> k.consumed().topic())));
                insert.setArray(5, SqlArrays.instants(connection, column(conflicting, Kept::receivedAt)));
                return insert.executeUpdate();
            }
        });
    }

    /** Keeps hops that are not genuine, each record once however often it is delivered. */
    public void reject(List<Kept> hops) {
        if (hops.isEmpty()) {
            return;
        }
        database.call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into rejected_hop (event_id, notice_id, "
                    + "type, service, at, authenticity, topic, kafka_partition, kafka_offset, payload, received_at) "
                    + "select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], "
                    + "?::text[], ?::int[], ?::int8[], ?::text[], ?::timestamptz[]) on conflict do nothing")) {
                insert.setArray(1, SqlArrays.uuids(connection, column(hops, k -> k.hop().eventId())));
                insert.setArray(2, SqlArrays.uuids(connection, column(hops, k -> k.hop().noticeId())));
                insert.setArray(3, SqlArrays.texts(connection, column(hops, k -> k.hop().type().ceType())));
                insert.setArray(4, SqlArrays.texts(connection, column(hops, k -> k.hop().service())));
                insert.setArray(5, SqlArrays.instants(connection, column(hops, k -> k.hop().at())));
                insert.setArray(6, SqlArrays.texts(connection, column(hops, k -> k.consumed().authenticity().name())));
                setOrigin(connection, insert, 7, hops);
                insert.setArray(10, SqlArrays.texts(connection, column(hops, Kept::evidence)));
                insert.setArray(11, SqlArrays.instants(connection, column(hops, Kept::receivedAt)));
                return insert.executeUpdate();
            }
        });
    }

    /** Brings each notice's summary up to date with what a batch saw of it: one row per notice. */
    public void mergeSummaries(Collection<PathDelta> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        List<PathDelta> rows = List.copyOf(deltas);
        database.call(connection -> {
            try (PreparedStatement merge = connection.prepareStatement(MERGE_SUMMARIES)) {
                merge.setArray(1, SqlArrays.uuids(connection, column(rows, d -> d.noticeId)));
                merge.setArray(2, SqlArrays.texts(connection, column(rows, d -> d.fromState)));
                merge.setArray(3, SqlArrays.texts(connection, column(rows, d -> d.toState)));
                merge.setArray(4, SqlArrays.texts(connection, column(rows, d -> d.kind)));
                merge.setArray(5, SqlArrays.texts(connection, column(rows, d -> d.precedence)));
                merge.setArray(6, SqlArrays.texts(connection, column(rows, d -> d.classification)));
                merge.setArray(7, SqlArrays.texts(connection, column(rows, d -> d.subject)));
                merge.setArray(8, SqlArrays.texts(connection, column(rows, d -> d.status.name())));
                merge.setArray(9, SqlArrays.texts(connection, column(rows, PathDelta::channel)));
                merge.setArray(10, SqlArrays.ints(connection, column(rows, d -> d.attempts)));
                merge.setArray(11, SqlArrays.ints(connection, column(rows, d -> d.hops)));
                merge.setArray(12, SqlArrays.instants(connection, column(rows, d -> d.firstAt)));
                merge.setArray(13, SqlArrays.instants(connection, column(rows, d -> d.lastAt)));
                merge.setArray(14, SqlArrays.instants(connection, column(rows, d -> d.dispatchedAt)));
                merge.setArray(15, SqlArrays.instants(connection, column(rows, d -> d.deliveredAt)));
                merge.setArray(16, SqlArrays.instants(connection, column(rows, d -> d.receiptAt)));
                merge.setArray(17, SqlArrays.uuids(connection, column(rows, d -> d.circularId)));
                return merge.executeUpdate();
            }
        });
    }

    /** Topic, partition and offset of each hop, as three columns from {@code first}. */
    private static void setOrigin(Connection connection, PreparedStatement statement, int first, List<Kept> hops)
            throws SQLException {
        statement.setArray(first, SqlArrays.texts(connection, column(hops, k -> k.consumed().topic())));
        statement.setArray(first + 1, SqlArrays.ints(connection, column(hops, k -> k.consumed().record().partition())));
        statement.setArray(first + 2, SqlArrays.longs(connection, column(hops, k -> k.consumed().record().offset())));
    }

}
