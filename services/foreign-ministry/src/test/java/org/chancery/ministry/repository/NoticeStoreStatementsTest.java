package org.chancery.ministry.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The ministry's batch statements as their declarations make them: one per table and kind of change. */
class NoticeStoreStatementsTest {

    @Test
    void eachBatchStatementIsTheOneItAlwaysWas() {
        assertEquals("insert into sent_notice (id, from_state, to_state, kind, precedence, classification, subject, body, "
                + "body_digest, reference, in_reply_to, cited, deliver_by, plan, status, accepted_at, regime, event_at, "
                + "circular_id, sealed_body, late_owed, late_gave) select * from unnest(?::uuid[], ?::text[], ?::text[], "
                + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[], "
                + "?::timestamptz[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::timestamptz[], ?::uuid[], "
                + "?::text[], ?::text[], ?::text[]) as u(id, from_state, to_state, kind, precedence, classification, "
                + "subject, body, body_digest, reference, in_reply_to, cited, deliver_by, plan, status, accepted_at, "
                + "regime, event_at, circular_id, sealed_body, late_owed, late_gave)",
                NoticeStore.SENT.sql());
        assertEquals("update sent_notice s set status = u.status, receipt_outcome = u.receipt_outcome, receipt_at = "
                + "u.receipt_at, receipt_reason = u.receipt_reason, failure_reason = u.failure_reason from "
                + "unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[]) as u(id, status, "
                + "receipt_outcome, receipt_at, receipt_reason, failure_reason) where s.id = u.id",
                NoticeStore.STANDINGS.sql());
        assertEquals("update attempt a set state = u.state, reason = u.reason, updated_at = u.at, escalate_at = case when "
                + "u.state in ('IN_FLIGHT', 'DELIVERED') then a.escalate_at end from unnest(?::uuid[], ?::int4[], "
                + "?::text[], ?::text[], ?::timestamptz[], ?::text[]) as u(notice_id, number, state, reason, at, "
                + "only_if) where a.notice_id = u.notice_id and a.number = u.number and (u.only_if is null or a.state "
                + "= u.only_if)",
                NoticeStore.SETTLEMENTS.sql());
        assertEquals("update attempt a set escalate_at = null from unnest(?::uuid[]) as u(id) where a.notice_id = u.id "
                + "and a.escalate_at is not null",
                NoticeStore.ESCALATIONS_STOPPED.sql());
        assertEquals("insert into attempt (notice_id, number, channel, via, dispatch_hop, dispatched_at, escalate_at, "
                + "state, reason, updated_at) select * from unnest(?::uuid[], ?::int4[], ?::text[], ?::text[], "
                + "?::text[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::timestamptz[]) as "
                + "u(notice_id, number, channel, via, dispatch_hop, dispatched_at, escalate_at, state, reason, "
                + "updated_at)",
                NoticeStore.ATTEMPTS.sql());
        assertEquals("insert into status_change (notice_id, status, at, detail) select * from unnest(?::uuid[], "
                + "?::text[], ?::timestamptz[], ?::text[]) as u(notice_id, status, at, detail) on conflict (notice_id, "
                + "status) do nothing",
                NoticeStore.HISTORY.sql());
        assertEquals("insert into received_notice (id, from_state, to_state, kind, precedence, classification, subject, "
                + "body, body_digest, reference, in_reply_to, cited, channel, delivered_by, delivered_at, "
                + "receipt_outcome, receipt_reason, receipt_at) select * from unnest(?::uuid[], ?::text[], ?::text[], "
                + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[], "
                + "?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::timestamptz[]) as u(id, from_state, "
                + "to_state, kind, precedence, classification, subject, body, body_digest, reference, in_reply_to, "
                + "cited, channel, delivered_by, delivered_at, receipt_outcome, receipt_reason, receipt_at) on "
                + "conflict do nothing",
                NoticeStore.RECEIVED.sql());
    }
}
