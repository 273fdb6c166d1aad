-- The audit keeps no body, sealed or not (ADR 0017): the digest is in the payload, the size here.
alter table hop add column body_bytes integer;
