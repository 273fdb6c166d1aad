package org.chancery.ministry.service;

import org.chancery.ministry.repository.NoticeChanges;
import org.chancery.ministry.repository.NoticeStore;

/**
 * What a batch's hops have changed so far, written once at its end; or sooner, where a hop must
 * read the notices as they stand with the batch's changes (a re-route counts the attempts left).
 */
final class BatchChanges {

    private NoticeChanges changes = new NoticeChanges();

    NoticeChanges now() {
        return changes;
    }

    /** Writes the changes so far, and gathers the rest afresh. */
    void write(NoticeStore store) {
        store.write(changes);
        changes = new NoticeChanges();
    }
}
