-- One row per notice, kept up to date as its hops arrive: what the audit's queries and summary read.
create table notice_path (
    notice_id      uuid primary key,
    from_state     char(3),
    to_state       char(3),
    kind           varchar(40),
    precedence     varchar(20),
    classification varchar(20),
    subject        varchar(200),
    status         varchar(20) not null,
    channel        varchar(40),
    attempts       integer not null,
    hops           integer not null,
    first_at       timestamp with time zone not null,
    last_at        timestamp with time zone not null,
    dispatched_at  timestamp with time zone,
    delivered_at   timestamp with time zone,
    receipt_at     timestamp with time zone,
    latency_ms     double precision
);
create index notice_path_first_at on notice_path (first_at desc);
create index notice_path_from on notice_path (from_state, first_at desc);
create index notice_path_to on notice_path (to_state, first_at desc);
create index notice_path_channel on notice_path (channel, first_at desc);
create index notice_path_status on notice_path (status, first_at desc);
create index hop_parent on hop (parent_id);
