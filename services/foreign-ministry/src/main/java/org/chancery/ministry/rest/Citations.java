package org.chancery.ministry.rest;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chancery.ministry.entity.Circular;
import org.chancery.ministry.entity.NoticeContent;
import org.chancery.ministry.entity.ReceivedNotice;
import org.chancery.ministry.entity.SentNotice;
import org.chancery.problem.ProblemException;

/**
 * What a note may answer: a notice its sender sent or received, between the same two states. A
 * notice the sender may not read is, to it, no notice at all (404, as {@code GET /notices/{id}}
 * answers); one that does not exist, or between other states, cannot be answered (422). Nothing of
 * the notice answered changes.
 */
final class Citations {

    private Citations() {
    }

    /** Checks that a note from {@code from} to {@code recipients} may answer {@code inReplyTo} (if it answers one). */
    static void check(Caller caller, UUID inReplyTo, String from, List<String> recipients) {
        if (inReplyTo == null) {
            return;
        }
        if (recipients.size() != 1) {
            throw new ProblemException(422, "A reply goes to one state", "inReplyTo " + inReplyTo + ": a note "
                    + "answers one state's note, so it goes to that state alone; cite others in references");
        }
        NoticeContent answered = readable(caller, inReplyTo).orElseThrow(() -> unknown(caller, inReplyTo));
        String to = recipients.get(0);
        boolean samePair = answered.fromState.equals(from) && answered.toState.equals(to)
                || answered.fromState.equals(to) && answered.toState.equals(from);
        if (!samePair) {
            throw new ProblemException(422, "Another exchange", "inReplyTo " + inReplyTo
                    + (answered.reference == null ? "" : " (" + answered.reference + ")") + " is a note from "
                    + answered.fromState + " to " + answered.toState + "; a note from " + from + " to " + to
                    + " answers only a note between " + from + " and " + to);
        }
    }

    /** The notice as the caller reads it: one its state sent, or one delivered to it. */
    private static Optional<NoticeContent> readable(Caller caller, UUID id) {
        SentNotice sent = SentNotice.findById(id);
        if (sent != null && caller.readsAsSender(sent)) {
            return Optional.of(sent.content);
        }
        return caller.receivedBy(id).map(received -> received.content);
    }

    /**
     * A notice the caller cannot read: 404 if it exists (as reading it would answer), 422 if it does
     * not; its own circular note, 422: a reply answers one copy.
     */
    private static ProblemException unknown(Caller caller, UUID id) {
        Circular circular = Circular.findById(id);
        if (circular != null && caller.readsAsSender(circular)) {
            return new ProblemException(422, "A circular note", "inReplyTo " + id + " is a circular note; a reply "
                    + "answers one recipient's copy (GET /notices/" + id + " lists them)");
        }
        if (circular != null || SentNotice.findById(id) != null || ReceivedNotice.findById(id) != null) {
            return new ProblemException(404, "No such notice", "inReplyTo " + id + ": there is no notice " + id
                    + " the ministry may read");
        }
        return new ProblemException(422, "Nothing to answer", "inReplyTo " + id + ": there is no notice " + id);
    }
}
