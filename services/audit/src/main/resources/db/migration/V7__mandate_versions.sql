-- Every version of every mandate the protecting-power service published, as signed, kept for good:
-- a protecting power's hop is judged against the mandates as they stood when it moved, not as they
-- stand when the path is read. A key given up is kept as a version with no entry. A version counts
-- from known_from: the time the broker appended it (or, on a topic that does not stamp it, the time
-- the audit read it), never earlier, whatever version its writer signed. The record's version and
-- signature headers are kept as they came, so that each is checked again when read.
create table mandate_version (
    mandate_key    text not null,
    version        timestamp with time zone not null,
    known_from     timestamp with time zone not null,
    sending        text not null,
    receiving      text not null,
    entry          text,
    version_header text,
    signature      text,
    primary key (mandate_key, version)
);
create index mandate_version_pair on mandate_version (sending, receiving, known_from);
