-- A circular note: one notice sent to several states, a copy (a sent notice of its own) to each.
create table circular (
    id             uuid primary key,
    from_state     char(3) not null,
    recipients     text not null,
    kind           varchar(40) not null,
    precedence     varchar(20) not null,
    classification varchar(20) not null,
    subject        varchar(200) not null,
    regime         varchar(40),
    accepted_at    timestamp with time zone not null
);
create index circular_from_state on circular (from_state, accepted_at);

alter table sent_notice add column circular_id uuid references circular (id) on delete cascade;
create index sent_notice_circular on sent_notice (circular_id) where circular_id is not null;
