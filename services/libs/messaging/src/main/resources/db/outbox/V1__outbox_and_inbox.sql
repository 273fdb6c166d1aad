-- The outbox: records emitted together with a state change, in its transaction, and published
-- after it commits. A row is deleted once the broker has acknowledged it; what is left after a
-- crash is published again by the sweeper, with the same bytes and event id. A null payload is a
-- tombstone on a compacted topic. The W3C trace context of the work that emitted the record rides
-- with it, so that one notice is one trace across every service.
create table outbox (
    event_id    uuid primary key,
    caused_by   uuid,
    topic       varchar(200) not null,
    record_key  varchar(200) not null,
    ce_type     varchar(100) not null,
    ce_time     timestamp with time zone not null,
    payload     text,
    traceparent varchar(55),
    created_at  timestamp with time zone not null
);
create index outbox_caused_by on outbox (caused_by);
create index outbox_created_at on outbox (created_at);

-- The inbox: every consumed hop, so that a redelivered one changes nothing.
create table processed_event (
    event_id     uuid primary key,
    processed_at timestamp with time zone not null
);
create index processed_event_processed_at on processed_event (processed_at);

-- The keys this service has published on its compacted topics, so that a key it no longer has
-- gets a tombstone.
create table published_key (
    topic      varchar(200) not null,
    record_key varchar(200) not null,
    primary key (topic, record_key)
);
