package org.chancery.audit.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The audit's batch statements as their declarations make them. */
class LedgerStoreStatementsTest {

    @Test
    void eachBatchStatementIsTheOneItAlwaysWas() {
        assertEquals("insert into hop (event_id, notice_id, hop, parent_id, type, service, channel, attempt, from_party, "
                + "to_party, at, hash, topic, kafka_partition, kafka_offset, payload, received_at, body_bytes) select "
                + "* from unnest(?::uuid[], ?::uuid[], ?::int4[], ?::uuid[], ?::text[], ?::text[], ?::text[], "
                + "?::int4[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::int4[], ?::int8[], "
                + "?::text[], ?::timestamptz[], ?::int4[]) as u(event_id, notice_id, hop, parent_id, type, service, "
                + "channel, attempt, from_party, to_party, at, hash, topic, kafka_partition, kafka_offset, payload, "
                + "received_at, body_bytes) on conflict (event_id) do nothing returning event_id",
                LedgerStore.HOPS.sql());
        assertEquals("insert into hop_conflict (event_id, notice_id, payload, topic, received_at) select * from "
                + "unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) as u(event_id, notice_id, "
                + "payload, topic, received_at)",
                LedgerStore.CONFLICTS.sql());
        assertEquals("insert into rejected_hop (event_id, notice_id, type, service, at, authenticity, topic, "
                + "kafka_partition, kafka_offset, payload, received_at) select * from unnest(?::uuid[], ?::uuid[], "
                + "?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::int4[], ?::int8[], ?::text[], "
                + "?::timestamptz[]) as u(event_id, notice_id, type, service, at, authenticity, topic, "
                + "kafka_partition, kafka_offset, payload, received_at) on conflict do nothing",
                LedgerStore.REJECTED.sql());
    }

    @Test
    void theSummariesMergeTheDeclaredColumnsAndTheirLatency() {
        String sql = LedgerStore.SUMMARIES.sql();
        assertTrue(sql.startsWith("insert into notice_path as p (notice_id, from_state, to_state, kind, precedence, "
                + "classification, subject, status, channel, attempts, hops, first_at, last_at, dispatched_at, "
                + "delivered_at, receipt_at, circular_id, reference, latency_ms)\n"
                + "select u.*, extract(epoch from u.receipt_at - u.dispatched_at)::double precision * 1000\n"
                + "from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
                + "?::text[], ?::int4[], ?::int4[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], "
                + "?::timestamptz[], ?::timestamptz[], ?::uuid[], ?::text[]) as u(notice_id, from_state, to_state, kind, "
                + "precedence, classification, subject, status, channel, attempts, hops, first_at, last_at, "
                + "dispatched_at, delivered_at, receipt_at, circular_id, reference)\n"
                + "on conflict (notice_id) do update set\n"), sql);
        assertTrue(sql.contains("status = case when case excluded.status when 'ACCEPTED' then 0"), sql);
        assertEquals(18, LedgerStore.SUMMARIES.declared().size());
    }
}
