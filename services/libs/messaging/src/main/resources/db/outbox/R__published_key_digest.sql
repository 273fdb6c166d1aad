-- What was published under each key: the digest of its type and entry, and the version it went out
-- with, so that a start publishes only what changed and the registry guard knows what the topic
-- should hold (ADR 0021). Keys kept from before have neither and are published again once.
-- Repeatable, so that it runs beside every service's own numbered migrations, whatever their numbers.
alter table published_key add column if not exists digest text;
alter table published_key add column if not exists version timestamp with time zone;
