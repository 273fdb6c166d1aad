package org.chancery.ministry.repository;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.chancery.ministry.entity.Attempt;
import org.chancery.ministry.entity.ReceivedNotice;

/** What a batch's changes would write, for tests that decide without a database. */
public final class Written {

    private Written() {
    }

    public static List<NoticeChanges.StatusEntry> history(NoticeChanges changes) {
        return changes.history;
    }

    public static List<Attempt> newAttempts(NoticeChanges changes) {
        return changes.newAttempts;
    }

    public static List<ReceivedNotice> received(NoticeChanges changes) {
        return changes.received;
    }

    public static Set<UUID> escalationsStopped(NoticeChanges changes) {
        return changes.escalationsStopped;
    }

    /** Each attempt's settlement, as "number STATE reason". */
    public static List<String> settlements(NoticeChanges changes) {
        return changes.settlements.values().stream().map(s -> s.number() + " " + s.state() + " " + s.reason()).toList();
    }

    /** Whether the standing of the notice is to be written. */
    public static boolean changed(NoticeChanges changes, UUID noticeId) {
        NoticeChanges.Standing standing = changes.standings.get(noticeId);
        return standing != null && standing.changed;
    }
}
