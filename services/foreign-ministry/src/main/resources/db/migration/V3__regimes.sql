-- A notice given under a notification regime names it, and the time of the event it notifies.
alter table sent_notice add column regime varchar(40);
alter table sent_notice add column event_at timestamp with time zone;
