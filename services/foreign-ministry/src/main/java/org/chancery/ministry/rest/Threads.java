package org.chancery.ministry.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chancery.ministry.entity.ReceivedNotice;
import org.chancery.ministry.entity.SentNotice;

/**
 * An exchange of notes: the chain of notes that answer one another ({@code inReplyTo}), whatever
 * channel each took, as one reader holds them. A ministry holds the notes its state sent and those
 * delivered to it (a note not yet delivered to it is not in its thread); an auditor, every note sent.
 * The thread of a note runs from the first note of the chain to every answer, in the order they
 * were sent or received.
 */
final class Threads {

    /** The most notes one thread shows: an exchange longer than this is cut, the notes nearest its first kept. */
    static final int MOST_NOTES = 200;

    private Threads() {
    }

    /** A note of a thread: a notice sent ({@link SentNotice}) or received ({@link ReceivedNotice}). */
    record Note(UUID id, UUID inReplyTo, Instant at, Object row) {

        static Note of(SentNotice n) {
            return new Note(n.id, n.content.inReplyTo, n.acceptedAt, n);
        }

        static Note of(ReceivedNotice r) {
            return new Note(r.id, r.content.inReplyTo, r.deliveredAt, r);
        }
    }

    /** The notes a reader holds: {@code state}'s sent and received ones, or every sent one for {@code state} null. */
    record Holder(String state) {

        Optional<Note> find(UUID id) {
            Optional<Note> sent = SentNotice.<SentNotice>findByIdOptional(id)
                    .filter(n -> state == null || n.content.fromState.equals(state)).map(Note::of);
            if (sent.isPresent() || state == null) {
                return sent;
            }
            return ReceivedNotice.<ReceivedNotice>findByIdOptional(id)
                    .filter(r -> r.content.toState.equals(state)).map(Note::of);
        }

        List<Note> answers(Set<UUID> ids) {
            List<Note> found = new ArrayList<>();
            if (state == null) {
                SentNotice.<SentNotice>list("content.inReplyTo in ?1", ids).forEach(n -> found.add(Note.of(n)));
                return found;
            }
            SentNotice.<SentNotice>list("content.inReplyTo in ?1 and content.fromState = ?2", ids, state)
                    .forEach(n -> found.add(Note.of(n)));
            ReceivedNotice.<ReceivedNotice>list("content.inReplyTo in ?1 and content.toState = ?2", ids, state)
                    .forEach(r -> found.add(Note.of(r)));
            return found;
        }
    }

    /** The thread of {@code start}, oldest note first; {@code start} is one the holder holds. */
    static List<Note> of(Holder holder, Note start) {
        Note root = start;
        Set<UUID> climbed = new HashSet<>(List.of(start.id()));
        while (root.inReplyTo() != null && climbed.size() < MOST_NOTES) {
            Optional<Note> answered = holder.find(root.inReplyTo());
            if (answered.isEmpty() || !climbed.add(answered.get().id())) {
                break;
            }
            root = answered.get();
        }
        List<Note> thread = new ArrayList<>(List.of(root));
        Set<UUID> seen = new HashSet<>(List.of(root.id()));
        Set<UUID> level = Set.of(root.id());
        while (!level.isEmpty() && thread.size() < MOST_NOTES) {
            Set<UUID> next = new HashSet<>();
            for (Note answer : holder.answers(level)) {
                if (seen.add(answer.id()) && thread.size() < MOST_NOTES) {
                    thread.add(answer);
                    next.add(answer.id());
                }
            }
            level = next;
        }
        return inOrder(thread);
    }

    /**
     * The notes by time, but never an answer before the note it answers: the times come from two
     * ministries' clocks (sent) and the relays' (received), which need not agree.
     */
    static List<Note> inOrder(List<Note> notes) {
        Map<UUID, Note> byId = new HashMap<>();
        notes.forEach(n -> byId.put(n.id(), n));
        Map<UUID, Instant> at = new HashMap<>();
        for (Note note : notes) {
            at.put(note.id(), notBefore(note, byId, at, new HashSet<>()));
        }
        List<Note> ordered = new ArrayList<>(notes);
        ordered.sort(Comparator.comparing((Note n) -> at.get(n.id())).thenComparing(n -> depth(n, byId))
                .thenComparing(Note::id));
        return ordered;
    }

    /** The latest of a note's time and the times of the notes it answers, up the chain. */
    private static Instant notBefore(Note note, Map<UUID, Note> byId, Map<UUID, Instant> known, Set<UUID> climbing) {
        Instant own = note.at();
        Note answered = note.inReplyTo() == null ? null : byId.get(note.inReplyTo());
        if (answered == null || !climbing.add(note.id())) {
            return own;
        }
        Instant before = known.containsKey(answered.id()) ? known.get(answered.id())
                : notBefore(answered, byId, known, climbing);
        return before.isAfter(own) ? before : own;
    }

    /** How many notes up the chain a note stands: an answer given the same time comes after. */
    private static int depth(Note note, Map<UUID, Note> byId) {
        int depth = 0;
        Set<UUID> seen = new HashSet<>();
        for (Note n = note; n.inReplyTo() != null && byId.containsKey(n.inReplyTo()) && seen.add(n.id());
                n = byId.get(n.inReplyTo())) {
            depth++;
        }
        return depth;
    }
}
