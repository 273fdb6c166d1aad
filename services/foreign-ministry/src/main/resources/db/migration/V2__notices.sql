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
    channel         varchar(40) not null,
    attempt         integer not null,
    status          varchar(20) not null,
    accepted_at     timestamp with time zone not null,
    receipt_outcome varchar(20),
    receipt_at      timestamp with time zone,
    receipt_reason  text
);
create index sent_notice_from_state on sent_notice (from_state, accepted_at);

-- Every status a sent notice went through, with its time.
create table status_change (
    id        bigserial primary key,
    notice_id uuid not null references sent_notice (id) on delete cascade,
    status    varchar(20) not null,
    at        timestamp with time zone not null,
    detail    text,
    unique (notice_id, status)
);

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
    acknowledged_at timestamp with time zone
);
create index received_notice_to_state on received_notice (to_state, delivered_at);
