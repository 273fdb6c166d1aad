package org.chancery.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.chancery.events.registry.Mission;
import org.chancery.events.registry.ReferenceFiles;
import org.junit.jupiter.api.Test;

class ReferenceFilesTest {

    private static ByteArrayInputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void missionsExpandTheDefaultToEveryOrderedPairAndApplyExceptions() {
        List<Mission> missions = ReferenceFiles.missions(json("""
                {"states":["USA","DEU","IRN"],
                 "default":{"resident":true,"confidence":"E","source":"default"},
                 "exceptions":[{"sending":"USA","host":"IRN","resident":false,"since":"1980",
                                "confidence":"A","source":"FDFA"}]}
                """));
        assertEquals(6, missions.size());
        Mission closed = missions.stream().filter(m -> m.key().equals("USA@IRN")).findFirst().orElseThrow();
        assertFalse(closed.resident());
        assertEquals("A", closed.confidence());
        assertTrue(missions.stream().filter(m -> m.key().equals("IRN@USA")).findFirst().orElseThrow().resident());
        assertEquals("E", missions.stream().filter(m -> m.key().equals("USA@DEU")).findFirst().orElseThrow()
                .confidence());
    }

    @Test
    void aListOfMissionsIsReadAsItStandsWithTheSeatOfEach() {
        List<Mission> missions = ReferenceFiles.missions(json("""
                {"missions":[
                  {"sending":"AFG","host":"AUS","resident":true,"city":"Canberra","confidence":"C","source":"Wikidata Q106450319"},
                  {"sending":"AFG","host":"FJI","resident":false,"accreditedFrom":"AUS","city":"Canberra","confidence":"C"},
                  {"sending":"USA","host":"IRN","resident":false,"note":"relations severed","confidence":"A"}]}
                """));
        assertEquals(3, missions.size());
        assertEquals("AUS", missions.get(0).seat());
        assertEquals("AUS", missions.get(1).seat());
        assertTrue(missions.get(1).serves());
        assertFalse(missions.get(2).serves());
        assertEquals(null, missions.get(2).seat());
    }
}
