package org.chancery.ministry.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
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
    void aNumberPastFiveDigitsKeepsAllOfThem() {
        assertEquals("USA 2026/00042", NoteNumbers.reference("USA", 2026, 42));
        assertEquals("USA 2026/123456", NoteNumbers.reference("USA", 2026, 123_456));
    }
}
