package org.chancery.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PartyTest {

    @Test
    void namesReadBack() {
        assertEquals(new Party("embassy", "USA", "DEU"), Party.parse(Party.embassy("USA", "DEU")));
        assertEquals(new Party("ministry", "DEU", null), Party.parse(Party.ministry("DEU")));
        assertEquals("embassy:USA@DEU", Party.parse("embassy:USA@DEU").toString());
    }

    @Test
    void somethingElseIsRefused() {
        for (String bad : new String[] {null, "", "USA", ":USA", "ministry:"}) {
            assertThrows(IllegalArgumentException.class, () -> Party.parse(bad), String.valueOf(bad));
        }
    }
}
