package org.chancery.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chancery.audit.domain.KeptHop;
import org.chancery.audit.domain.PathDelta;
import org.chancery.events.NoticeStatus;
import org.chancery.messaging.Batch;
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

    /** New hops, each event id once: the first copy of it is stored, the others are compared with it. */
    static final Batch<KeptHop> HOPS = origin(Batch.<KeptHop>columns()
            .uuid("event_id", k -> k.hop().eventId())
            .uuid("notice_id", k -> k.hop().noticeId())
            .int4("hop", k -> k.hop().hop())
            .uuid("parent_id", k -> k.hop().parentId())
            .text("type", k -> k.hop().type().ceType())
            .text("service", k -> k.hop().service())
            .enumName("channel", k -> k.hop().channel())
            .int4("attempt", k -> k.hop().attempt())
            .text("from_party", k -> k.hop().from())
            .text("to_party", k -> k.hop().to())
            .timestamptz("at", k -> k.hop().at())
            .text("hash", k -> k.hop().hash()))
            .text("payload", KeptHop::evidence)
            .timestamptz("received_at", KeptHop::receivedAt)
            .int4("body_bytes", KeptHop::bodyBytes)
            .insertInto("hop", "on conflict (event_id) do nothing returning event_id");

    /** Copies of a stored event id whose content differs from the stored one. */
    static final Batch<KeptHop> CONFLICTS = Batch.<KeptHop>columns()
            .uuid("event_id", k -> k.hop().eventId())
            .uuid("notice_id", k -> k.hop().noticeId())
            .text("payload", KeptHop::evidence)
            .text("topic", k -> k.consumed().topic())
            .timestamptz("received_at", KeptHop::receivedAt)
            .insertInto("hop_conflict");

    /** Hops that are not genuine, each record once. */
    static final Batch<KeptHop> REJECTED = origin(Batch.<KeptHop>columns()
            .uuid("event_id", k -> k.hop().eventId())
            .uuid("notice_id", k -> k.hop().noticeId())
            .text("type", k -> k.hop().type().ceType())
            .text("service", k -> k.hop().service())
            .timestamptz("at", k -> k.hop().at())
            .enumName("authenticity", k -> k.consumed().authenticity()))
            .text("payload", KeptHop::evidence)
            .timestamptz("received_at", KeptHop::receivedAt)
            .insertInto("rejected_hop", "on conflict do nothing");

    /** Each notice's summary, merged with what a batch saw of it. */
    static final Batch<PathDelta> SUMMARIES = Batch.<PathDelta>columns()
            .uuid("notice_id", d -> d.noticeId)
            .text("from_state", d -> d.fromState)
            .text("to_state", d -> d.toState)
            .text("kind", d -> d.kind)
            .text("precedence", d -> d.precedence)
            .text("classification", d -> d.classification)
            .text("subject", d -> d.subject)
            .enumName("status", d -> d.status)
            .text("channel", PathDelta::channel)
            .int4("attempts", d -> d.attempts)
            .int4("hops", d -> d.hops)
            .timestamptz("first_at", d -> d.firstAt)
            .timestamptz("last_at", d -> d.lastAt)
            .timestamptz("dispatched_at", d -> d.dispatchedAt)
            .timestamptz("delivered_at", d -> d.deliveredAt)
            .timestamptz("receipt_at", d -> d.receiptAt)
            .uuid("circular_id", d -> d.circularId)
            .text("reference", d -> d.reference)
            .statement("""
            insert into notice_path as p ({columns}, latency_ms)
            select u.*, extract(epoch from u.receipt_at - u.dispatched_at)::double precision * 1000
            from {rows}
            on conflict (notice_id) do update set
                from_state = coalesce(p.from_state, excluded.from_state),
                to_state = coalesce(p.to_state, excluded.to_state),
                kind = coalesce(p.kind, excluded.kind),
                precedence = coalesce(p.precedence, excluded.precedence),
                classification = coalesce(p.classification, excluded.classification),
                subject = coalesce(p.subject, excluded.subject),
                circular_id = coalesce(p.circular_id, excluded.circular_id),
                reference = coalesce(p.reference, excluded.reference),
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
            """.formatted(RANK.formatted("excluded.status"), RANK.formatted("p.status")));

    @Inject
    Database database;

    /** Stores the hops whose event id is new; returns those event ids. */
    public Set<UUID> storeHops(List<KeptHop> hops) {
        if (hops.isEmpty()) {
            return Set.of();
        }
        return database.call(connection -> HOPS.executeReturning(connection, hops, UUID.class));
    }

    /** Of copies of event ids already stored, keeps those whose content differs from the stored one. */
    public void keepConflictingCopies(List<KeptHop> copies) {
        if (copies.isEmpty()) {
            return;
        }
        database.call(connection -> {
            Map<UUID, String> first = new HashMap<>();
            List<UUID> ids = new ArrayList<>(copies.size());
            copies.forEach(k -> ids.add(k.hop().eventId()));
            try (PreparedStatement query = connection.prepareStatement(
                    "select event_id, payload from hop where event_id = any(?)")) {
                query.setArray(1, SqlArrays.uuids(connection, ids));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        first.put(rows.getObject(1, UUID.class), rows.getString(2));
                    }
                }
            }
            List<KeptHop> conflicting = copies.stream()
                    .filter(k -> !k.evidence().equals(first.get(k.hop().eventId()))).toList();
            return conflicting.isEmpty() ? 0 : CONFLICTS.execute(connection, conflicting);
        });
    }

    /** Keeps hops that are not genuine, each record once however often it is delivered. */
    public void reject(List<KeptHop> hops) {
        if (!hops.isEmpty()) {
            database.call(connection -> REJECTED.execute(connection, hops));
        }
    }

    /** Brings each notice's summary up to date with what a batch saw of it: one row per notice. */
    public void mergeSummaries(Collection<PathDelta> deltas) {
        if (!deltas.isEmpty()) {
            database.call(connection -> SUMMARIES.execute(connection, deltas));
        }
    }

    /** Where each hop was read: its topic, partition and offset. */
    private static Batch.Columns<KeptHop> origin(Batch.Columns<KeptHop> columns) {
        return columns
                .text("topic", k -> k.consumed().topic())
                .int4("kafka_partition", k -> k.consumed().record().partition())
                .int8("kafka_offset", k -> k.consumed().record().offset());
    }
}
