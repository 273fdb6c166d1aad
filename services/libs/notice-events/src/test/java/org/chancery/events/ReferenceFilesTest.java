package org.chancery.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.chancery.events.registry.Mission;
import org.chancery.events.registry.MissionStatus;
import org.chancery.events.registry.ReferenceFiles;
import org.junit.jupiter.api.Test;

class ReferenceFilesTest {

    private static ByteArrayInputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aListOfMissionsIsReadAsItStandsWithTheSeatOfEach() {
        List<Mission> missions = ReferenceFiles.missions(json("""
                {"missions":[
                  {"sending":"AFG","host":"AUS","resident":true,"city":"Canberra","confidence":"C","source":"Wikidata Q106450319"},
                  {"sending":"AFG","host":"FJI","resident":false,"accreditedFrom":"AUS","city":"Canberra","confidence":"C"},
                  {"sending":"USA","host":"IRN","resident":false,"note":"relations severed","confidence":"A"},
                  {"sending":"USA","host":"YEM","resident":false,"accreditedFrom":"SAU","status":"SUSPENDED",
                   "since":"2015-02-11","note":"Yemen Affairs Unit","confidence":"A"},
                  {"sending":"JPN","host":"PRK","resident":false,"thirdCapital":"CHN","confidence":"B"}]}
                """));
        assertEquals(5, missions.size());
        assertEquals("AUS", missions.get(0).seat());
        assertEquals("AUS", missions.get(1).seat());
        assertTrue(missions.get(1).serves());
        assertFalse(missions.get(2).serves());
        assertEquals(null, missions.get(2).seat());
        assertEquals(MissionStatus.NONE, missions.get(2).standing(), "not resident, no status given: none");
        assertEquals(MissionStatus.OPEN, missions.get(0).standing());
        Mission yemen = missions.get(3);
        assertEquals(MissionStatus.SUSPENDED, yemen.standing());
        assertTrue(yemen.serves(), "the affairs unit abroad hands notes over while the embassy is suspended");
        assertEquals("SAU", yemen.seat());
        Mission beijing = missions.get(4);
        assertFalse(beijing.serves(), "a third capital is no mission of the sender for the host");
        assertEquals("CHN", beijing.thirdCapital());
    }
}
