package org.chancery.ministry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.chancery.events.NoticeKind;
import org.chancery.events.registry.ThirdStateAuthority;
import org.junit.jupiter.api.Test;

/** Which third state may hand over what, against the mandates the protecting-power service ships. */
class ThirdStateAuthorityTest {

    final ThirdStateAuthority authority = new ThirdStateAuthority(
            ChannelRegistry.of(List.of(), List.of(), ReferenceData.MANDATES));

    @Test
    void aStateActsUnderTheMandatesItHolds() {
        assertEquals(Optional.empty(),
                authority.refusal("protecting-power:CHE", "USA", "IRN", NoticeKind.NOTE_VERBALE));
        assertEquals(Optional.empty(),
                authority.refusal("interests-section:USA@IRN", "USA", "IRN", NoticeKind.NOTE_VERBALE));
        // Iran summons the Italian ambassador, who protects Canada's interests in Iran: he passes the note home.
        assertEquals(Optional.empty(), authority.refusal("protecting-power:ITA", "IRN", "CAN", NoticeKind.SUMMONS));
        // The Swiss message channel carries Iran's notes to the United States, straight to the ministry.
        assertEquals(Optional.empty(),
                authority.refusal("protecting-power:CHE", "IRN", "USA", NoticeKind.NOTE_VERBALE));
        assertEquals(Optional.empty(), authority.refusal("mediator:OMN", "USA", "IRN", NoticeKind.NOTE_VERBALE));
    }

    @Test
    void notForAnotherPairAnotherStateAnotherRoleOrAMandateNotInForce() {
        assertRefused("protecting-power:FRA", "USA", "IRN", "FRA holds no mandate in force for USA in IRN");
        assertRefused("protecting-power:CHE", "USA", "PRK", "CHE holds no mandate");
        assertRefused("mediator:CHE", "USA", "IRN", "CHE holds no good offices");
        assertRefused("protecting-power:OMN", "USA", "IRN", "OMN holds no mandate");
        assertRefused("mediator:DZA", "USA", "IRN", "DZA holds no good offices in force");
        assertRefused("protecting-power:CHE", "IRN", "SAU", "CHE holds no mandate in force");
        assertRefused("protecting-power:CHE", "USA", "VEN", "CHE holds no mandate in force");
        // Sweden's mandates for Canada and the United States in North Korea are consular: they carry no note.
        assertRefused("protecting-power:SWE", "CAN", "PRK", "SWE holds no mandate");
        assertRefused("protecting-power:SWE", "USA", "PRK", "SWE holds no mandate");
        // Italy protects Canada's interests in Iran, not Iran's in Canada nor anyone's in Germany: it passes
        // Iran's note to Canada only when Iran summons its ambassador.
        assertRefused("protecting-power:ITA", "DEU", "IRN", "ITA holds no mandate");
        assertRefused("protecting-power:ITA", "IRN", "CAN", "ITA holds no mandate in force for IRN in CAN");
        assertTrue(authority.refusal("protecting-power:ITA", "CAN", "IRN", NoticeKind.SUMMONS).isPresent(),
                "a summons by Canada is held under a mandate for Iran in Canada, which Italy does not hold");
        assertRefused("interests-section:USA@PRK", "USA", "IRN", "not the interests section of USA in IRN");
        assertRefused("interests-section:IRN@SAU", "IRN", "SAU", "no protecting power holds a mandate in force");
        assertRefused("embassy:USA@IRN", "USA", "IRN", "not a third state");
        assertThrows(IllegalArgumentException.class,
                () -> authority.refusal("not a party", "USA", "IRN", NoticeKind.NOTE_VERBALE));
    }

    private void assertRefused(String party, String sending, String receiving, String why) {
        Optional<String> refusal = authority.refusal(party, sending, receiving, NoticeKind.NOTE_VERBALE);
        assertTrue(refusal.isPresent() && refusal.get().contains(why), party + ": " + refusal);
    }
}
