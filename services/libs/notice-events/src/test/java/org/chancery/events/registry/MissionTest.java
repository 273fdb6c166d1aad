package org.chancery.events.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MissionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recordsReadApartShareTheirRepeatedTexts() throws Exception {
        String json = """
                {"sending": "AFG", "host": "ALB", "resident": false, "accreditedFrom": "GRC", "city": "Psychiko",
                 "asOf": "2022-11-16", "note": "non-resident: the embassy in Psychiko is also accredited here",
                 "confidence": "C", "source": "Wikidata Q109530837"}""";
        Mission first = JSON.readValue(json, Mission.class);
        Mission second = JSON.readValue(json, Mission.class);

        assertEquals(first, second);
        assertSame(first.host(), second.host());
        assertSame(first.city(), second.city());
        assertSame(first.note(), second.note());
        assertSame(first.source(), second.source());
    }
}
