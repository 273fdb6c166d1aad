-- The body as it travels, sealed for the receiving ministry (ADR 0017); body_digest is its digest.
-- Null for a notice sent before bodies were sealed: it travels as it always did.
alter table sent_notice add column sealed_body text;
