-- A status an operator declared for a line; it overrides the status in the reference file.
create table line_status (
    line_id    varchar(60) primary key,
    status     varchar(20) not null,
    note       text,
    changed_at timestamp with time zone not null
);

-- A notice waiting on a line whose far end does not answer: delivered if the line comes up,
-- failed when the answer timeout passes.
create table ringing_call (
    dispatch_event_id uuid primary key,
    line_id           varchar(60) not null,
    dispatch          text not null,
    give_up_at        timestamp with time zone not null
);
create index ringing_call_line on ringing_call (line_id);
