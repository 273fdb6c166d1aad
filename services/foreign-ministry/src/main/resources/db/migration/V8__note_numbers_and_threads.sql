-- A ministry numbers the notes it sends, by year: USA 2026/00142. The last number given, per state and year.
create table note_number (
    state char(3) not null,
    year  integer not null,
    last  integer not null,
    primary key (state, year)
);

-- Each note's number, the notice it answers and the earlier notes it cites in words; both sides keep them.
-- A circular note has one number, which each recipient's copy carries.
alter table sent_notice add column reference varchar(20);
alter table sent_notice add column in_reply_to uuid;
alter table sent_notice add column cited varchar(500);
create unique index sent_notice_reference on sent_notice (reference) where circular_id is null;
alter table circular add column reference varchar(20) unique;
alter table received_notice add column reference varchar(20);
alter table received_notice add column in_reply_to uuid;
alter table received_notice add column cited varchar(500);

-- A thread is followed both ways: from a note to the one it answers, and to its answers.
create index sent_notice_in_reply_to on sent_notice (in_reply_to) where in_reply_to is not null;
create index received_notice_in_reply_to on received_notice (in_reply_to) where in_reply_to is not null;

-- The desk marks the notes a ministry received and has not opened yet, and counts them.
alter table received_notice add column read_at timestamp with time zone;
create index received_notice_unread on received_notice (to_state) where read_at is null;
-- Open desks hear each delivery by this number, given as the row is written (the delivery's own time
-- is the relay's clock, and the row may be written long after it).
alter table received_notice add column seq bigserial;
create index received_notice_seq on received_notice (seq);
