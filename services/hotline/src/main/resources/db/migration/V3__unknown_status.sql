-- UNVERIFIED is now UNKNOWN: no source says whether the line works. A status an operator declared
-- under the old name keeps its meaning.
update line_status set status = 'UNKNOWN' where status = 'UNVERIFIED';
