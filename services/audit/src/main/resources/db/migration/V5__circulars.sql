-- A notice that is one recipient's copy of a circular note names the circular: its fan-out.
alter table notice_path add column circular_id uuid;
create index notice_path_circular on notice_path (circular_id) where circular_id is not null;
