package org.chancery.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void anIdIsAVersion7UuidThatBeginsWithItsMillisecond() {
        long before = System.currentTimeMillis();
        UUID id = Ids.next();
        long after = System.currentTimeMillis();
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        long millis = id.getMostSignificantBits() >>> 16;
        assertTrue(millis >= before && millis <= after, millis + " not in [" + before + ", " + after + "]");
        assertEquals(UUID.fromString(id.toString()), id);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesAndNeverRepeat() {
        UUID early = Ids.at(1_700_000_000_000L, -1, -1);
        UUID late = Ids.at(1_700_000_000_001L, 0, 0);
        assertTrue(early.toString().compareTo(late.toString()) < 0, early + " " + late);
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(seen.add(Ids.next()));
        }
    }
}
