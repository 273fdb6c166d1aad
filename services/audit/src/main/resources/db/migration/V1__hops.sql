-- Every hop seen on a hop topic, as it was received (less the body of a protected notice).
create table hop (
    event_id       uuid primary key,
    notice_id      uuid not null,
    hop            integer not null,
    parent_id      uuid,
    type           varchar(60) not null,
    service        varchar(60),
    channel        varchar(40),
    attempt        integer not null,
    from_party     varchar(100),
    to_party       varchar(100),
    at             timestamp with time zone not null,
    hash           char(64) not null,
    topic          varchar(200) not null,
    kafka_partition integer not null,
    kafka_offset   bigint not null,
    payload        text not null,
    received_at    timestamp with time zone not null
);
create index hop_notice on hop (notice_id, at);

-- A second copy of an event id whose content differs from the first: evidence, kept for the verdict.
create table hop_conflict (
    id          bigserial primary key,
    event_id    uuid not null,
    notice_id   uuid not null,
    payload     text not null,
    topic       varchar(200) not null,
    received_at timestamp with time zone not null
);
create index hop_conflict_notice on hop_conflict (notice_id);
