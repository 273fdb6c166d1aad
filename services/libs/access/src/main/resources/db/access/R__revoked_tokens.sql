-- The access tokens revoked before they expire, as this service read them from chancery.tokens.revoked
-- (the issuer's signed revocation kept whole): neither a broker that lost its data nor a tombstone on
-- the topic brings a revoked token back. Repeatable, so that every service using tokens has it
-- beside its own migrations, whatever their numbers.
create table if not exists revoked_token (
    token_id   text primary key,
    subject    text not null,
    expires_at timestamptz not null,
    revocation text not null
);
