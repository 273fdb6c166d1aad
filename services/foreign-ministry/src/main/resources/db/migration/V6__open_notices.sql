-- Admission and the estimated delivery of a notice read each lane's open notices, oldest first,
-- and how many notices ended lately (ADR 0020). Both indexes hold only what those reads need.
create index sent_notice_open on sent_notice (precedence, accepted_at)
    where status in ('ACCEPTED', 'IN_TRANSIT', 'DELIVERED', 'OVERDUE');
create index status_change_ended on status_change (at) where status in ('ACKNOWLEDGED', 'REJECTED', 'FAILED');
