package org.chancery.ministry.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.chancery.testkit.ChanceryTestResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Numbers per sending state and UTC year, from the database (years far ahead, so no other test's). */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class NoteNumbersTest {

    @Inject
    NoteNumbers numbers;

    @Test
    void eachStateNumbersItsNotesAfreshEachYear() {
        Instant newYearsEve = Instant.parse("2031-12-31T23:59:59.999Z");
        Instant newYearsDay = Instant.parse("2032-01-01T00:00:00Z");
        assertEquals("NZL 2031/00001", numbers.next("NZL", newYearsEve));
        assertEquals("NZL 2031/00002", numbers.next("NZL", newYearsEve));
        assertEquals("NZL 2032/00001", numbers.next("NZL", newYearsDay));
        assertEquals("AUS 2031/00001", numbers.next("AUS", newYearsEve));
        assertEquals("NZL 2031/00003", numbers.next("NZL", newYearsEve));
    }

    @Test
    void notesAskingAtOnceEachGetANumberOfTheirOwn() throws Exception {
        Instant at = Instant.parse("2033-06-01T12:00:00Z");
        int notes = 400;
        try (ExecutorService desks = Executors.newFixedThreadPool(32)) {
            List<Future<String>> asked = new ArrayList<>();
            for (int i = 0; i < notes; i++) {
                asked.add(desks.submit(() -> numbers.next("FJI", at)));
            }
            TreeSet<String> given = new TreeSet<>();
            for (Future<String> reference : asked) {
                given.add(reference.get(30, TimeUnit.SECONDS));
            }
            assertEquals(notes, given.size(), "no number given twice");
            assertEquals("FJI 2033/00001", given.iterator().next());
            assertEquals(NoteNumbers.reference("FJI", 2033, notes), given.last(), "and none skipped");
        }
        assertEquals(NoteNumbers.reference("FJI", 2033, notes + 1), numbers.next("FJI", at));
    }

    @Test
    void aNumberPastFiveDigitsKeepsAllOfThem() {
        assertEquals("USA 2026/00042", NoteNumbers.reference("USA", 2026, 42));
        assertEquals("USA 2026/123456", NoteNumbers.reference("USA", 2026, 123_456));
    }
}
