package org.chancery.ministry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;
import org.chancery.events.Route;
import org.chancery.ministry.domain.States.State;
import org.junit.jupiter.api.Test;

/** Planning between every pair of the states Chancery knows, over the reference data it ships. */
class WorldRoutesTest {

    private final States states = new States();
    private final RoutePlanner planner = new RoutePlanner(ReferenceData.RELATIONS,
            ChannelRegistry.of(ReferenceData.MISSIONS, ReferenceData.HOTLINES, ReferenceData.MANDATES));

    @Test
    void theStatesAreTheUnsMembersAndItsTwoObserverStates() {
        assertEquals(193, states.all().stream().filter(s -> s.unStatus().equals("member")).count());
        assertEquals(List.of("PSE", "VAT"), states.all().stream().filter(s -> s.unStatus().equals("observer"))
                .map(State::code).sorted().toList());
        assertEquals("France", states.find("FRA").orElseThrow().name());
        State usa = states.find("USA").orElseThrow();
        assertTrue(usa.researched());
        assertEquals("Washington", usa.capital());
        assertFalse(states.find("FJI").orElseThrow().researched());
        assertTrue(states.find("TWN").isEmpty(), "not a UN member or observer state");
    }

    @Test
    void everyPairIsPlannedWithARouteOrTheReasonsThereIsNone() {
        List<String> neither = new ArrayList<>();
        List<String> unrouted = new ArrayList<>();
        int routed = 0;
        for (State from : states.all()) {
            for (State to : states.all()) {
                if (from.equals(to)) {
                    continue;
                }
                Plan plan = planner.plan(from.code(), to.code(), NoticeKind.NOTE_VERBALE, Precedence.ROUTINE);
                if (plan.deliverable()) {
                    routed++;
                } else {
                    unrouted.add(from.code() + "→" + to.code());
                    if (plan.unavailable().isEmpty()) {
                        neither.add(from.code() + "→" + to.code());
                    }
                }
            }
        }
        assertEquals(List.of(), neither, "a pair without a route must say why");
        assertEquals(195 * 194, routed + unrouted.size());
        // Only states that severed relations have no channel (the New York one is closed to them too).
        for (String pair : unrouted) {
            String[] states = pair.split("→");
            assertEquals(Relations.Status.SEVERED, ReferenceData.RELATIONS.between(states[0], states[1]).status(), pair);
        }
    }

    @Test
    void spotChecksAgainstTheSources() {
        // Wikidata: France's embassy in Berlin (Q554046), the United States' in Havana (Q18156867).
        assertEquals(List.of("embassy:FRA@DEU"), only("FRA", "DEU"));
        assertEquals(List.of("embassy:USA@CUB"), only("USA", "CUB"));
        // Afghanistan's embassy in Canberra is also accredited to Fiji (Q106450319).
        Route canberra = planner.plan("AFG", "FJI", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE).routes().get(0);
        assertEquals(List.of("embassy:AFG@AUS"), canberra.via());
        assertTrue(canberra.reason().contains("embassy in AUS, also accredited to FJI"), canberra.reason());
        // Researched facts beat the listing: Wikidata still lists Russia's embassy in Kyiv.
        Plan severed = planner.plan("RUS", "UKR", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE);
        assertFalse(severed.routes().stream().anyMatch(r -> r.via().contains("embassy:RUS@UKR")), severed.toString());
        assertTrue(severed.unavailable().stream().anyMatch(u -> u.contains("severed")), severed.toString());
    }

    @Test
    void whereNoEmbassyServesThePermanentMissionsInNewYorkCarryTheNote() {
        // Tuvalu and Bhutan keep no mission of one for the other (Wikidata lists none).
        assertEquals(List.of("mission:TUV@UN", "mission:BTN@UN"), only("TUV", "BTN"));
    }

    @Test
    void aSummonsNeedsAResidentAmbassador() {
        // Fiji has no resident embassy of Afghanistan to call in: the Canberra embassy does not count.
        Plan plan = planner.plan("FJI", "AFG", NoticeKind.SUMMONS, Precedence.ROUTINE);
        assertFalse(plan.deliverable(), plan.toString());
        assertTrue(planner.plan("FJI", "AFG", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE).deliverable());
        assertTrue(plan.unavailable().stream().anyMatch(u -> u.startsWith("embassy: no resident mission of AFG in FJI")),
                plan.toString());
    }

    @Test
    void aMistypedCodeOrANameFindsTheStateMeant() {
        assertEquals("FRA", states.closeTo("fra").get(0).code());
        assertEquals("FRA", states.closeTo("France").get(0).code());
        assertTrue(states.closeTo("FRQ").stream().anyMatch(s -> s.code().equals("FRA")));
        assertEquals(List.of(), states.closeTo("Atlantis"));
    }

    private List<String> only(String from, String to) {
        List<Route> routes = planner.plan(from, to, NoticeKind.NOTE_VERBALE, Precedence.ROUTINE).routes();
        return routes.stream().flatMap(r -> r.via().stream()).toList();
    }
}
