package org.chancery.ministry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which third state may hand over what, against the mandates the protecting-power service ships. */
class ThirdStateAuthorityTest {

    final ThirdStateAuthority authority = new ThirdStateAuthority(
            ChannelRegistry.of(List.of(), List.of(), ReferenceData.MANDATES));

    @Test
    void aStateActsUnderTheMandatesItHolds() {
        assertEquals(Optional.empty(), authority.refusal("protecting-power:CHE", "USA", "IRN"));
        assertEquals(Optional.empty(), authority.refusal("interests-section:USA@IRN", "USA", "IRN"));
        assertEquals(Optional.empty(), authority.refusal("protecting-power:SWE", "USA", "PRK"));
        // The Swiss message channel carries Iran's notes to the United States, straight to the ministry.
        assertEquals(Optional.empty(), authority.refusal("protecting-power:CHE", "IRN", "USA"));
        assertEquals(Optional.empty(), authority.refusal("mediator:OMN", "USA", "IRN"));
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
        // Sweden's mandate for Canada in North Korea is consular: it carries no note.
        assertRefused("protecting-power:SWE", "CAN", "PRK", "SWE holds no mandate");
        assertRefused("interests-section:USA@PRK", "USA", "IRN", "not the interests section of USA in IRN");
        assertRefused("interests-section:IRN@SAU", "IRN", "SAU", "no protecting power holds a mandate in force");
        assertRefused("embassy:USA@IRN", "USA", "IRN", "not a third state");
        assertThrows(IllegalArgumentException.class, () -> authority.refusal("not a party", "USA", "IRN"));
    }

    private void assertRefused(String party, String sending, String receiving, String why) {
        Optional<String> refusal = authority.refusal(party, sending, receiving);
        assertTrue(refusal.isPresent() && refusal.get().contains(why), party + ": " + refusal);
    }
}
