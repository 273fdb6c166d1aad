package org.chancery.ministry.domain;

import java.util.Collection;
import org.chancery.events.NoticeStatus;

/**
 * Where a circular note stands, read from its copies' statuses: in transit while any copy is under
 * way; once none is, acknowledged if every recipient acknowledged it, partly if some did, not at
 * all if none did. A recipient whose copy the broker never took counts as not sent.
 */
public record CircularStanding(Status status, int recipients, int pending, int overdue, int acknowledged,
        int returned, int failed, int notSent) {

    public enum Status {
        IN_TRANSIT, ACKNOWLEDGED, PARTLY_ACKNOWLEDGED, NOT_ACKNOWLEDGED
    }

    /** The standing of a circular to {@code recipients} states whose sent copies are at {@code copies}. */
    public static CircularStanding of(int recipients, Collection<NoticeStatus> copies) {
        int pending = 0;
        int overdue = 0;
        int acknowledged = 0;
        int returned = 0;
        int failed = 0;
        for (NoticeStatus status : copies) {
            switch (status) {
                case ACKNOWLEDGED -> acknowledged++;
                case REJECTED -> returned++;
                case FAILED -> failed++;
                case OVERDUE -> {
                    overdue++;
                    pending++;
                }
                default -> pending++;
            }
        }
        Status status = pending > 0 ? Status.IN_TRANSIT
                : acknowledged == recipients ? Status.ACKNOWLEDGED
                : acknowledged > 0 ? Status.PARTLY_ACKNOWLEDGED : Status.NOT_ACKNOWLEDGED;
        return new CircularStanding(status, recipients, pending, overdue, acknowledged, returned, failed,
                recipients - copies.size());
    }
}
