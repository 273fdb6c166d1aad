-- The note's number as its sending ministry gave it (USA 2026/00142), from the hops that carry the notice.
alter table notice_path add column reference varchar(20);
