-- A hop that is not what the service it names wrote (unsigned, signed by no trusted key, or
-- altered after signing): kept as evidence of the attempt, never part of a path.
create table rejected_hop (
    id              bigserial primary key,
    event_id        uuid not null,
    notice_id       uuid not null,
    type            varchar(60) not null,
    service         varchar(60),
    at              timestamp with time zone not null,
    authenticity    varchar(20) not null,
    topic           varchar(200) not null,
    kafka_partition integer not null,
    kafka_offset    bigint not null,
    payload         text not null,
    received_at     timestamp with time zone not null,
    unique (topic, kafka_partition, kafka_offset)
);
create index rejected_hop_notice on rejected_hop (notice_id);
