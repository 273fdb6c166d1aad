-- Notices this service's ministries sent.
create table sent_notice (
    id              uuid primary key,
    from_state      char(3) not null,
    to_state        char(3) not null,
    kind            varchar(40) not null,
    precedence      varchar(20) not null,
    classification  varchar(20) not null,
    subject         varchar(200) not null,
    body            text not null,
    body_digest     char(64) not null,
    deliver_by      timestamp with time zone,
    plan            text not null,
    status          varchar(20) not null,
    accepted_at     timestamp with time zone not null,
    receipt_outcome varchar(20),
    receipt_at      timestamp with time zone,
    receipt_reason  text,
    failure_reason  text
);
create index sent_notice_from_state on sent_notice (from_state, accepted_at);
-- The deadline keeper looks for open notices whose deadline has passed.
create index sent_notice_open_deadline on sent_notice (deliver_by) where status in ('ACCEPTED', 'IN_TRANSIT', 'DELIVERED');

-- Every status a sent notice went through, with its time.
create table status_change (
    id        bigserial primary key,
    notice_id uuid not null references sent_notice (id) on delete cascade,
    status    varchar(20) not null,
    at        timestamp with time zone not null,
    detail    text,
    unique (notice_id, status)
);

-- Each route tried for a sent notice: the first of its plan, then one per failure or escalation.
create table attempt (
    id            bigserial primary key,
    notice_id     uuid not null references sent_notice (id) on delete cascade,
    number        integer not null,
    channel       varchar(40) not null,
    via           text not null,
    dispatch_hop  text not null,
    dispatched_at timestamp with time zone not null,
    escalate_at   timestamp with time zone,
    state         varchar(20) not null,
    reason        text,
    updated_at    timestamp with time zone not null,
    unique (notice_id, number)
);
-- The deadline keeper looks for attempts due for escalation.
create index attempt_escalate_at on attempt (escalate_at) where escalate_at is not null;

-- Notices delivered to this service's ministries.
create table received_notice (
    id              uuid primary key,
    from_state      char(3) not null,
    to_state        char(3) not null,
    kind            varchar(40) not null,
    precedence      varchar(20) not null,
    classification  varchar(20) not null,
    subject         varchar(200) not null,
    body            text,
    body_digest     char(64) not null,
    channel         varchar(40) not null,
    delivered_by    varchar(100) not null,
    delivered_at    timestamp with time zone not null,
    receipt_outcome varchar(20) not null,
    receipt_reason  text,
    receipt_at      timestamp with time zone not null
);
create index received_notice_to_state on received_notice (to_state, delivered_at);
