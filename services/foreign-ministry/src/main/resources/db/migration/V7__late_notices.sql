-- A notification given with less time before its event than its regime asks is sent, marked late:
-- the lead time it owed and the one it gave (ISO 8601 durations), as its hops carry them.
alter table sent_notice add column late_owed varchar(40);
alter table sent_notice add column late_gave varchar(40);
