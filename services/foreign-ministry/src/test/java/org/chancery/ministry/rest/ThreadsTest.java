package org.chancery.ministry.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The order of an exchange, from times that come from several clocks. */
class ThreadsTest {

    static final Instant NOON = Instant.parse("2026-12-03T12:00:00Z");

    static Threads.Note note(String id, String answers, int second) {
        return new Threads.Note(UUID.nameUUIDFromBytes(id.getBytes()),
                answers == null ? null : UUID.nameUUIDFromBytes(answers.getBytes()), NOON.plusSeconds(second), id);
    }

    static List<Object> order(Threads.Note... notes) {
        return Threads.inOrder(List.of(notes)).stream().map(Threads.Note::row).toList();
    }

    @Test
    void notesGoByTime() {
        assertEquals(List.of("first", "answer", "second answer"),
                order(note("second answer", "first", 30), note("first", null, 0), note("answer", "first", 10)));
    }

    @Test
    void anAnswerNeverComesBeforeTheNoteItAnswersWhateverTheClocksSay() {
        // The answer was received by a relay whose clock is behind the sender's.
        assertEquals(List.of("note", "answer", "answer to the answer"),
                order(note("answer to the answer", "answer", -5), note("answer", "note", -10), note("note", null, 0)));
    }

    @Test
    void notesThatAnswerEachOtherInACircleStillComeOutOnce() {
        // Only forged hops could do this; the order must still end.
        assertEquals(List.of("b", "a"), order(note("a", "b", 5), note("b", "a", 1)));
    }
}
