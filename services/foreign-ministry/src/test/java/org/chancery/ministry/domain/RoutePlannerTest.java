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
    void aFlashDeconflictionNoticeFromWashingtonToMoscowGoesByTheDeconflictionLinesFirst() {
        Plan plan = planner.plan("USA", "RUS", NoticeKind.DECONFLICTION_NOTICE, Precedence.FLASH);
        assertEquals(List.of("HOTLINE hotline:US-RU-EUCOM-NDMC", "HOTLINE hotline:US-RU-SYR-DECONF",
                "HOTLINE hotline:US-RU-MILMIL-HIGH", "EMBASSY embassy:USA@RUS"), via(plan));
    }

    @Test
    void aFlashMessageBetweenLeadersGoesByTheLeadersLine() {
        assertEquals("HOTLINE hotline:US-RU-DCL",
                via(planner.plan("USA", "RUS", NoticeKind.LEADER_MESSAGE, Precedence.FLASH)).get(0));
        assertEquals("HOTLINE hotline:CN-RU-PRES",
                via(planner.plan("RUS", "CHN", NoticeKind.LEADER_MESSAGE, Precedence.IMMEDIATE)).get(0));
    }

    @Test
    void anImmediateTreatyNotificationGoesByTheRiskReductionCentres() {
        assertEquals("HOTLINE hotline:US-RU-NRRC",
                via(planner.plan("RUS", "USA", NoticeKind.TREATY_NOTIFICATION, Precedence.IMMEDIATE)).get(0));
    }

    @Test
    void aRoutineNoteBetweenGermanyAndItalyGoesByEmbassy() {
        Plan plan = planner.plan("DEU", "ITA", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE);
        assertEquals(List.of("EMBASSY embassy:DEU@ITA"), via(plan));
    }

    @Test
    void aRoutineNoticeUsesTheEmbassyBeforeAnyHotline() {
        assertEquals(List.of("EMBASSY embassy:USA@RUS", "HOTLINE hotline:US-RU-EUCOM-NDMC",
                "HOTLINE hotline:US-RU-SYR-DECONF", "HOTLINE hotline:US-RU-MILMIL-HIGH"),
                via(planner.plan("USA", "RUS", NoticeKind.DECONFLICTION_NOTICE, Precedence.ROUTINE)));
    }

    @Test
    void theUnitedStatesReachesIranThroughSwitzerlandAndIranTheUnitedStatesThroughPakistanThenNewYork() {
        assertEquals(List.of("PROTECTING_POWER protecting-power:CHE interests-section:USA@IRN",
                "EMBASSY mission:USA@UN mission:IRN@UN"),
                via(planner.plan("USA", "IRN", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE)));
        assertEquals(List.of("PROTECTING_POWER protecting-power:PAK interests-section:IRN@USA",
                "EMBASSY mission:IRN@UN mission:USA@UN"),
                via(planner.plan("IRN", "USA", NoticeKind.DEMARCHE, Precedence.PRIORITY)));
    }

    @Test
    void theUnitedStatesAndCanadaReachNorthKoreaThroughSwedenThenTheNewYorkChannel() {
        assertEquals(List.of("PROTECTING_POWER protecting-power:SWE interests-section:USA@PRK",
                "EMBASSY mission:USA@UN mission:PRK@UN"),
                via(planner.plan("USA", "PRK", NoticeKind.NOTE_VERBALE, Precedence.IMMEDIATE)));
        assertEquals(List.of("PROTECTING_POWER protecting-power:SWE interests-section:CAN@PRK",
                "EMBASSY mission:CAN@UN mission:PRK@UN"),
                via(planner.plan("CAN", "PRK", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE)));
        Route newYork = planner.plan("USA", "PRK", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE).routes().get(1);
        assertTrue(newYork.reason().startsWith("the New York channel"), newYork.reason());
        assertTrue(newYork.reason().contains("Washington Post, 11 Aug 2017"), newYork.reason());
    }

    @Test
    void russiaAndUkraineHaveNoChannelAndThePlanSaysWhy() {
        Plan plan = planner.plan("UKR", "RUS", NoticeKind.NOTE_VERBALE, Precedence.FLASH);
        assertFalse(plan.deliverable());
        String why = String.join("\n", plan.unavailable());
        assertTrue(why.contains("embassy: relations severed since 2022-02-24"), why);
        assertTrue(why.contains("protecting power: CHE's mandate is rejected (rejected_by_receiving_state)"), why);
        assertTrue(why.contains("hotline: none between UKR and RUS"), why);
        assertTrue(why.contains("New York channel: relations severed since 2022-02-24"), why);
        assertFalse(planner.plan("RUS", "UKR", NoticeKind.DECONFLICTION_NOTICE, Precedence.FLASH).deliverable());
    }

    @Test
    void aMandateThatNeverEnteredIntoForceIsNotUsed() {
        Plan plan = planner.plan("USA", "VEN", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE);
        assertEquals(List.of("EMBASSY embassy:USA@VEN"), via(plan));
        Plan back = planner.plan("VEN", "USA", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE);
        assertEquals(List.of("EMBASSY mission:VEN@UN mission:USA@UN"), via(back));
        assertTrue(String.join("\n", back.unavailable()).contains("no mandate for VEN's interests in USA"));
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
                                assertTrue(MANDATES.stream().anyMatch(m -> m.sending().equals(from)
                                        && m.receiving().equals(to) && m.inForce()), from + ">" + to);
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
    void betweenTheKoreasTheOnlyLineDoesNotAnswerAndNewYorkIsLeft() {
        Plan plan = planner.plan("KOR", "PRK", NoticeKind.NOTE_VERBALE, Precedence.FLASH);
        assertEquals(List.of("EMBASSY mission:KOR@UN mission:PRK@UN"), via(plan));
        assertTrue(String.join("\n", plan.unavailable()).contains("KR-KP-LIAISON is not answering"), plan::toString);
    }

    @Test
    void aRoutineLaunchNotificationGoesByTheChannelItsRegimeNames() {
        Regimes.Regime bmlna = new Regimes().find("BMLNA-1988").orElseThrow();
        // Without the regime a ROUTINE notice goes by embassy first; under it, by the NRRC link.
        assertEquals("EMBASSY embassy:USA@RUS",
                via(planner.plan("USA", "RUS", NoticeKind.TREATY_NOTIFICATION, Precedence.ROUTINE)).get(0));
        List<String> routes = via(planner.plan("USA", "RUS", NoticeKind.TREATY_NOTIFICATION, Precedence.ROUTINE, bmlna));
        assertEquals("HOTLINE hotline:US-RU-NRRC", routes.get(0));
        assertTrue(routes.contains("EMBASSY embassy:USA@RUS"), routes::toString);
        assertEquals(routes.size(), routes.stream().distinct().count(), routes::toString);
        // A note of another kind under the regime still goes by its line.
        assertEquals("HOTLINE hotline:US-RU-NRRC",
                via(planner.plan("RUS", "USA", NoticeKind.NOTE_VERBALE, Precedence.PRIORITY, bmlna)).get(0));
    }

    @Test
    void aSummonsCallsInTheReceivingStatesAmbassador() {
        assertEquals(List.of("EMBASSY embassy:PAK@IND"),
                via(planner.plan("IND", "PAK", NoticeKind.SUMMONS, Precedence.IMMEDIATE)));
    }
}
