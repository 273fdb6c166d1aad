package org.chancery.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The statements the outbox, the inbox and the registry's published keys write with, as their declarations make them. */
class StoreStatementsTest {

    @Test
    void eachBatchStatementIsTheOneItAlwaysWas() {
        assertEquals("insert into outbox (event_id, caused_by, topic, record_key, ce_type, ce_time, payload, traceparent, "
                + "created_at) select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], "
                + "?::timestamptz[], ?::text[], ?::text[], ?::timestamptz[]) as u(event_id, caused_by, topic, "
                + "record_key, ce_type, ce_time, payload, traceparent, created_at)",
                Outbox.RECORDS.sql());
        assertEquals("insert into processed_event (event_id, processed_at) select *, now() from unnest(?::uuid[]) as "
                + "u(event_id) on conflict do nothing returning event_id",
                Inbox.PROCESSED.sql());
        assertEquals("insert into published_key (topic, record_key, digest, version) select ?, u.* from unnest(?::text[], "
                + "?::text[], ?::timestamptz[]) as u(record_key, digest, version) on conflict (topic, record_key) do update "
                + "set digest = excluded.digest, version = excluded.version",
                StatePublisher.PUBLISHED_KEYS.sql());
    }
}
