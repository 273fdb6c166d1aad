package org.chancery.ministry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.chancery.events.Channel;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;
import org.chancery.events.Route;
import org.chancery.events.registry.Hotline;
import org.chancery.events.registry.LinkStatus;
import org.chancery.events.registry.Mandate;
import org.chancery.events.registry.Mission;
import org.junit.jupiter.api.Test;

/** Route planning over the reference data the services ship. */
class RoutePlannerTest {

    static final List<Mission> MISSIONS = ReferenceData.MISSIONS;
    static final List<Hotline> HOTLINES = ReferenceData.HOTLINES;
    static final List<Mandate> MANDATES = ReferenceData.MANDATES;
    static final Relations RELATIONS = ReferenceData.RELATIONS;

    private final RoutePlanner planner = new RoutePlanner(RELATIONS, ChannelRegistry.of(MISSIONS, HOTLINES, MANDATES));

    private static List<String> via(Plan plan) {
        return plan.routes().stream().map(r -> r.channel() + " " + String.join(" ", r.via())).toList();
    }

    @Test
    void aFlashDeconflictionNoticeFromWashingtonToMoscowGoesByTheDeconflictionLinesThatWorkFirst() {
        Plan plan = planner.plan("USA", "RUS", NoticeKind.DECONFLICTION_NOTICE, Precedence.FLASH);
        assertEquals(List.of("HOTLINE hotline:US-RU-EUCOM-NDMC", "HOTLINE hotline:US-RU-MILMIL-HIGH",
                "EMBASSY embassy:USA@RUS"), via(plan));
        // No source says the Syria line works since the fall of the Assad government: it is not used.
        assertTrue(plan.unavailable().stream().anyMatch(u -> u.startsWith("hotline: US-RU-SYR-DECONF is unknown")
                && u.contains("as of 2024-12-02")), plan::toString);
    }

    @Test
    void deconflictionLinesAreChosenByTheTheatreOfTheActivityNotByTheirIds() {
        // As if every line were up: the Syria lines' status is unknown today.
        RoutePlanner planner = new RoutePlanner(RELATIONS, ChannelRegistry.of(MISSIONS,
                HOTLINES.stream().map(h -> h.withStatus(LinkStatus.UP, "up", null)).toList(), MANDATES));
        Plan syria = planner.plan(RouteQuery.of("USA", "RUS", NoticeKind.DECONFLICTION_NOTICE, Precedence.FLASH).in("SYR"));
        assertEquals(List.of("HOTLINE hotline:US-RU-SYR-DECONF", "HOTLINE hotline:US-RU-EUCOM-NDMC",
                "HOTLINE hotline:US-RU-MILMIL-HIGH", "EMBASSY embassy:USA@RUS"), via(syria));
        assertTrue(syria.routes().get(0).reason().contains("built for activity in SYR, the notice's theatre"),
                syria.routes().get(0).reason());
        Plan ukraine = planner.plan(RouteQuery.of("USA", "RUS", NoticeKind.DECONFLICTION_NOTICE, Precedence.FLASH).in("UKR"));
        assertEquals("HOTLINE hotline:US-RU-EUCOM-NDMC", via(ukraine).get(0));
        // Israel's only deconfliction line with Russia is Syria's: used wherever, its theatre said.
        Plan israel = planner.plan(RouteQuery.of("ISR", "RUS", NoticeKind.DECONFLICTION_NOTICE, Precedence.FLASH).in("LBN"));
        assertEquals("HOTLINE hotline:IL-RU-SYR-DECONF", via(israel).get(0));
        assertTrue(israel.routes().get(0).reason().contains("built for activity in SYR"), israel.routes().get(0).reason());
    }

    @Test
    void aFlashMessageBetweenLeadersGoesByTheLeadersLine() {
        assertEquals("HOTLINE hotline:US-RU-DCL",
                via(planner.plan("USA", "RUS", NoticeKind.LEADER_MESSAGE, Precedence.FLASH)).get(0));
        assertEquals("HOTLINE hotline:CN-RU-PRES",
                via(planner.plan("RUS", "CHN", NoticeKind.LEADER_MESSAGE, Precedence.IMMEDIATE)).get(0));
    }

    @Test
    void aTreatyNotificationGoesByTheRiskReductionCentresWhateverItsPrecedence() {
        for (Precedence precedence : Precedence.values()) {
            assertEquals(List.of("HOTLINE hotline:US-RU-NRRC", "HOTLINE hotline:OSCE-CN", "EMBASSY embassy:RUS@USA"),
                    via(planner.plan("RUS", "USA", NoticeKind.TREATY_NOTIFICATION, precedence)), precedence::name);
        }
        // Between two OSCE participating States without a line of their own: the OSCE Communications Network.
        assertEquals(List.of("HOTLINE hotline:OSCE-CN", "EMBASSY embassy:DEU@ITA"),
                via(planner.plan("DEU", "ITA", NoticeKind.TREATY_NOTIFICATION, Precedence.ROUTINE)));
    }

    @Test
    void aRoutineNoteBetweenGermanyAndItalyGoesByEmbassy() {
        Plan plan = planner.plan("DEU", "ITA", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE);
        assertEquals(List.of("EMBASSY embassy:DEU@ITA"), via(plan));
    }

    @Test
    void aRoutineDeconflictionNoticeGoesByTheLineMadeForItThenTheEmbassyBeforeOtherLines() {
        assertEquals(List.of("HOTLINE hotline:US-RU-EUCOM-NDMC", "EMBASSY embassy:USA@RUS",
                "HOTLINE hotline:US-RU-MILMIL-HIGH"),
                via(planner.plan("USA", "RUS", NoticeKind.DECONFLICTION_NOTICE, Precedence.ROUTINE)));
        // A routine message between leaders goes by embassy; the leaders' line only after it.
        assertEquals(List.of("EMBASSY embassy:USA@RUS", "HOTLINE hotline:US-RU-DCL"),
                via(planner.plan("USA", "RUS", NoticeKind.LEADER_MESSAGE, Precedence.ROUTINE)));
    }

    @Test
    void aLineWhoseCallsAreArrangedAheadIsNeverAFlashNoticesFirstChoice() {
        assertEquals(List.of("EMBASSY embassy:USA@CHN", "HOTLINE hotline:US-CN-PRES"),
                via(planner.plan("USA", "CHN", NoticeKind.LEADER_MESSAGE, Precedence.FLASH)));
        assertEquals(List.of("HOTLINE hotline:US-CN-PRES", "EMBASSY embassy:USA@CHN"),
                via(planner.plan("USA", "CHN", NoticeKind.LEADER_MESSAGE, Precedence.IMMEDIATE)));
    }

    @Test
    void theUnitedStatesReachesIranThroughSwitzerlandAndIranTheUnitedStatesByTheSwissChannel() {
        assertEquals(List.of("PROTECTING_POWER protecting-power:CHE interests-section:USA@IRN",
                "EMBASSY mission:USA@UN mission:IRN@UN"),
                via(planner.plan("USA", "IRN", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE)));
        Plan fromIran = planner.plan("IRN", "USA", NoticeKind.DEMARCHE, Precedence.PRIORITY);
        assertEquals(List.of("PROTECTING_POWER protecting-power:CHE", "EMBASSY mission:IRN@UN mission:USA@UN"),
                via(fromIran));
        assertTrue(fromIran.routes().get(0).reason().startsWith("CHE passes IRN's messages to USA"),
                fromIran.routes().get(0).reason());
        // Pakistan's section in Washington is Iran's consular representation: it carries no note.
        assertTrue(String.join("\n", fromIran.unavailable()).isEmpty()
                || fromIran.unavailable().stream().noneMatch(u -> u.contains("PAK") && !u.contains("consular")),
                fromIran::toString);
    }

    @Test
    void aMediatorCarriesANoteOnlyWhenTheSenderAllowsItAndLastAsAnInformalRoute() {
        Plan formal = planner.plan("USA", "IRN", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE);
        assertTrue(formal.routes().stream().noneMatch(r -> r.channel() == Channel.MEDIATOR), formal::toString);
        assertTrue(String.join("\n", formal.unavailable()).contains("mediator: OMN offers its good offices between USA "
                + "and IRN, used only when the notice allows a mediator"), formal::toString);

        Plan allowed = planner.plan(RouteQuery.of("USA", "IRN", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE)
                .allowingMediator(true));
        assertEquals(List.of("PROTECTING_POWER protecting-power:CHE interests-section:USA@IRN",
                "EMBASSY mission:USA@UN mission:IRN@UN", "MEDIATOR mediator:OMN"), via(allowed));
        Route mediator = allowed.routes().get(2);
        assertEquals(Boolean.TRUE, mediator.informal());
        assertTrue(mediator.reason().startsWith("informal: OMN passes the note on by its good offices"), mediator.reason());
        assertTrue(allowed.routes().subList(0, 2).stream().allMatch(r -> r.informal() == null), allowed::toString);
        // Algeria's good offices of 1980-81 ended: never a route.
        assertTrue(via(allowed).stream().noneMatch(r -> r.contains("DZA")), allowed::toString);
        // Where no state offers good offices, allowing a mediator changes nothing.
        assertEquals(via(planner.plan("DEU", "ITA", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE)),
                via(planner.plan(RouteQuery.of("DEU", "ITA", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE)
                        .allowingMediator(true))));
    }

    @Test
    void theUnitedStatesReachesNorthKoreaByTheNewYorkChannelAndCanadaByItsEmbassyInSeoul() {
        // Sweden is the US consular protecting power in Pyongyang: notes go by the New York channel.
        Plan usa = planner.plan("USA", "PRK", NoticeKind.NOTE_VERBALE, Precedence.IMMEDIATE);
        assertEquals(List.of("EMBASSY mission:USA@UN mission:PRK@UN"), via(usa));
        assertTrue(String.join("\n", usa.unavailable()).contains("SWE's mandate is consular only"), usa::toString);
        // Canada's embassy in Seoul is accredited to the DPRK (Wikidata), Sweden's mandate for it consular.
        assertEquals(List.of("EMBASSY embassy:CAN@KOR"),
                via(planner.plan("CAN", "PRK", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE)));
        Route newYork = usa.routes().get(0);
        assertTrue(newYork.reason().startsWith("the New York channel"), newYork.reason());
        assertEquals("the New York channel: USA's permanent mission to the United Nations hands the note to PRK's",
                newYork.reason());
        // What it rests on: the two missions, each with its source, and that neither refuses to recognise the other.
        List<Plan.Ground> grounds = planner.plan("USA", "PRK", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE).steps()
                .get(0).grounds();
        assertEquals(3, grounds.size());
        assertTrue(grounds.get(2).fact().startsWith("neither is recorded as not recognising the other"),
                grounds::toString);
    }

    @Test
    void russiaAndUkraineKeepOnlyTheNewYorkChannelAndThePlanSaysWhyNothingElse() {
        Plan plan = planner.plan("UKR", "RUS", NoticeKind.NOTE_VERBALE, Precedence.FLASH);
        assertEquals(List.of("EMBASSY mission:UKR@UN mission:RUS@UN"), via(plan));
        String why = String.join("\n", plan.unavailable());
        assertTrue(why.contains("embassy: relations severed since 2022-02-24"), why);
        assertTrue(why.contains("protecting power: CHE's mandate is rejected (rejected_by_receiving_state)"), why);
        assertTrue(why.contains("hotline: OSCE-CN is a TREATY_NOTIFICATION line, not for a NOTE_VERBALE"), why);
        // Severed relations leave no ambassador to summon, and no protecting power's.
        assertFalse(planner.plan("RUS", "UKR", NoticeKind.SUMMONS, Precedence.FLASH).deliverable());
    }

    @Test
    void aMandateThatNeverEnteredIntoForceIsNotUsed() {
        Plan plan = planner.plan("USA", "VEN", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE);
        assertEquals(List.of("EMBASSY embassy:USA@VEN"), via(plan));
        // Venezuela's embassy in Washington is not open again: the US embassy in Caracas takes the note home.
        Plan back = planner.plan("VEN", "USA", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE);
        assertEquals(List.of("EMBASSY embassy:USA@VEN"), via(back));
        assertTrue(back.routes().get(0).reason().startsWith("the receiving state's embassy in VEN takes the note home"),
                back.routes().get(0).reason());
    }

    @Test
    void noPlanEverUsesAMandateNotInForceOrALineThatIsNotUp() {
        List<String> states = new States().all().stream().filter(States.State::researched).map(States.State::code)
                .toList();
        List<String> used = new ArrayList<>();
        for (String from : states) {
            for (String to : states) {
                for (NoticeKind kind : NoticeKind.values()) {
                    for (Precedence precedence : Precedence.values()) {
                        if (from.equals(to)) {
                            continue;
                        }
                        for (Route route : planner.plan(from, to, kind, precedence).routes()) {
                            used.add(route.via().get(0));
                            if (route.channel() == Channel.HOTLINE) {
                                String id = route.via().get(0).substring("hotline:".length());
                                assertEquals(LinkStatus.UP, HOTLINES.stream().filter(h -> h.id().equals(id))
                                        .findFirst().orElseThrow().status(), id);
                            }
                            if (route.channel() == Channel.PROTECTING_POWER) {
                                // A summons calls in the protecting power of the receiving state in the sending one.
                                boolean summons = kind == NoticeKind.SUMMONS;
                                assertTrue(MANDATES.stream().anyMatch(m -> m.sending().equals(summons ? to : from)
                                        && m.receiving().equals(summons ? from : to) && m.inForce()), from + ">" + to);
                            }
                        }
                    }
                }
            }
        }
        assertFalse(used.contains("hotline:KR-KP-LIAISON"));
        assertFalse(used.contains("hotline:IN-PK-FS"));
        assertTrue(used.contains("protecting-power:CHE"));
    }

    @Test
    void aLineDeclaredDownIsLeftOutAndTheNextRouteTakesItsPlace() {
        List<Hotline> lines = HOTLINES.stream().map(h -> h.id().startsWith("US-RU-") && !h.id().contains("DCL")
                ? h.withStatus(LinkStatus.DOWN, "declared down", null) : h).toList();
        RoutePlanner degraded = new RoutePlanner(RELATIONS, ChannelRegistry.of(MISSIONS, lines, MANDATES));
        Plan plan = degraded.plan("USA", "RUS", NoticeKind.DECONFLICTION_NOTICE, Precedence.FLASH);
        assertEquals(List.of("EMBASSY embassy:USA@RUS"), via(plan));
        assertTrue(plan.unavailable().contains("hotline: US-RU-EUCOM-NDMC is down (declared down)"), plan::toString);
    }

    @Test
    void betweenTheKoreasTheOnlyLineDoesNotAnswerAndNeitherRecognisesTheOther() {
        Plan plan = planner.plan("KOR", "PRK", NoticeKind.NOTE_VERBALE, Precedence.FLASH);
        assertFalse(plan.deliverable());
        String why = String.join("\n", plan.unavailable());
        assertTrue(why.contains("KR-KP-LIAISON is not answering"), why);
        assertTrue(why.contains("New York channel: not recognised") && why.contains("KOR does not recognise PRK"), why);
    }

    @Test
    void aRoutineLaunchNotificationGoesByTheChannelItsRegimeNames() {
        Regimes.Regime bmlna = new Regimes().find("BMLNA-1988").orElseThrow();
        List<String> routes = via(planner.plan(RouteQuery.of("USA", "RUS", NoticeKind.TREATY_NOTIFICATION,
                Precedence.ROUTINE).under(bmlna)));
        assertEquals("HOTLINE hotline:US-RU-NRRC", routes.get(0));
        assertTrue(routes.contains("EMBASSY embassy:USA@RUS"), routes::toString);
        assertEquals(routes.size(), routes.stream().distinct().count(), routes::toString);
        // A note of another kind under the regime still goes by its line.
        assertEquals("HOTLINE hotline:US-RU-NRRC",
                via(planner.plan(RouteQuery.of("RUS", "USA", NoticeKind.NOTE_VERBALE, Precedence.PRIORITY).under(bmlna))).get(0));
    }

    @Test
    void aSummonsCallsInTheReceivingStatesAmbassador() {
        assertEquals(List.of("EMBASSY embassy:PAK@IND"),
                via(planner.plan("IND", "PAK", NoticeKind.SUMMONS, Precedence.IMMEDIATE)));
    }
}
