package org.chancery.ministry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;
import org.chancery.events.Route;
import org.chancery.ministry.domain.Plan.Ground;
import org.chancery.ministry.domain.States.State;
import org.junit.jupiter.api.Test;

/**
 * Planning between every pair of the states Chancery knows, over the reference data it ships: the
 * routes the sources give for the pairs of {@code world-routes.tsv}, each with its source, and no
 * route anywhere that rests on anything but sourced facts.
 */
class WorldRoutesTest {

    private static final String NONE = "NO_OFFICIAL_CHANNEL";
    /** A grade of A, B or C, or a combination of them ("A/B", "B (since-year C)"): never E, never none. */
    private static final Pattern GRADE = Pattern.compile("[ABC]([/ ].*)?");

    private final States states = new States();
    private final RoutePlanner planner = new RoutePlanner(ReferenceData.RELATIONS,
            ChannelRegistry.of(ReferenceData.MISSIONS, ReferenceData.HOTLINES, ReferenceData.MANDATES));

    /** One row of world-routes.tsv: a notice, the first route its sources give, and those sources. */
    record Expected(String from, String to, NoticeKind kind, Precedence precedence, String theatre, String firstRoute,
            String source) {

        RouteQuery query() {
            RouteQuery query = RouteQuery.of(from, to, kind, precedence);
            return theatre.isEmpty() ? query : query.in(theatre);
        }
    }

    static List<Expected> expected() throws IOException {
        try (InputStream in = WorldRoutesTest.class.getResourceAsStream("/world-routes.tsv")) {
            List<Expected> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("from\t")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                rows.add(new Expected(c[0], c[1], NoticeKind.valueOf(c[2]), Precedence.valueOf(c[3]), c[4], c[5], c[6]));
            }
            return rows;
        }
    }

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
    void theFirstRouteOfEachCheckedPairIsTheOneItsSourcesGive() throws IOException {
        List<Expected> rows = expected();
        assertTrue(rows.size() >= 60, "at least 60 checked pairs, " + rows.size() + " found");
        List<String> wrong = new ArrayList<>();
        for (Expected e : rows) {
            assertFalse(e.source().isBlank(), "every checked pair names its source: " + e);
            Plan plan = planner.plan(e.query());
            String first = plan.deliverable() ? String.join(" ", plan.routes().get(0).via()) : NONE;
            if (!first.equals(e.firstRoute())) {
                wrong.add(e.from() + "→" + e.to() + " " + e.kind() + " " + e.precedence() + ": planned " + first
                        + ", the sources give " + e.firstRoute() + " (" + e.source() + ")\n    unavailable: "
                        + plan.unavailable());
            }
        }
        assertEquals(List.of(), wrong, String.join("\n", wrong));
    }

    @Test
    void whereNoOfficialChannelExistsThePlanNamesTheFactAndItsSource() {
        Plan israelIran = planner.plan("ISR", "IRN", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE);
        assertFalse(israelIran.deliverable());
        String why = String.join("\n", israelIran.unavailable());
        assertTrue(why.contains("New York channel: not recognised") && why.contains("IRN does not recognise ISR")
                && why.contains("no-relations.tsv"), why);
        // A note finds no official channel only between states that do not recognise each other, or from or to a
        // government with no mission at the UN (Afghanistan's and Myanmar's; Palau's office closed) and no other.
        Set<String> withoutUnMission = ReferenceData.MISSIONS.stream()
                .filter(m -> m.host().equals("UN") && !m.serves()).map(m -> m.sending()).collect(Collectors.toSet());
        assertEquals(Set.of("AFG", "MMR", "PLW"), withoutUnMission);
        int none = 0;
        for (State from : states.all()) {
            for (State to : states.all()) {
                if (from.equals(to)) {
                    continue;
                }
                Plan plan = planner.plan(from.code(), to.code(), NoticeKind.NOTE_VERBALE, Precedence.ROUTINE);
                if (!plan.deliverable()) {
                    none++;
                    Relations.Relation r = ReferenceData.RELATIONS.between(from.code(), to.code());
                    boolean explained = r.status() == Relations.Status.NOT_RECOGNISED
                            || withoutUnMission.contains(from.code()) || withoutUnMission.contains(to.code());
                    assertTrue(explained, from.code() + "→" + to.code() + ": " + plan.unavailable());
                }
            }
        }
        assertTrue(none > 0 && none < 2_000, none + " ordered pairs without an official channel");
    }

    @Test
    void noRouteInAnyPlanRestsOnADefault() {
        List<String> unsourced = new ArrayList<>();
        int routes = 0;
        for (State from : states.all()) {
            for (State to : states.all()) {
                if (from.equals(to)) {
                    continue;
                }
                for (RouteQuery query : List.of(
                        RouteQuery.of(from.code(), to.code(), NoticeKind.NOTE_VERBALE, Precedence.ROUTINE),
                        RouteQuery.of(from.code(), to.code(), NoticeKind.SUMMONS, Precedence.ROUTINE),
                        RouteQuery.of(from.code(), to.code(), NoticeKind.DECONFLICTION_NOTICE, Precedence.FLASH),
                        RouteQuery.of(from.code(), to.code(), NoticeKind.TREATY_NOTIFICATION, Precedence.ROUTINE))) {
                    Plan plan = planner.plan(query);
                    assertTrue(plan.deliverable() || !plan.unavailable().isEmpty(), "a plan without a route says why");
                    for (Plan.Step step : plan.steps()) {
                        routes++;
                        if (step.grounds().isEmpty()) {
                            unsourced.add(describe(query, step.route()) + ": no ground");
                        }
                        for (Ground g : step.grounds()) {
                            if (g.grade() == null || !GRADE.matcher(g.grade()).matches() || g.grade().contains("E")
                                    || g.source() == null || g.source().isBlank()
                                    || g.source().contains("relation_default")) {
                                unsourced.add(describe(query, step.route()) + ": " + g);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(routes > 100_000, routes + " routes planned");
        assertEquals(List.of(), unsourced.stream().limit(20).toList(), unsourced.size() + " routes rest on no source");
    }

    @Test
    void anUnknownRelationIsAnAnswerThatSaysWhatWouldSettleIt() {
        Relations.Relation unknown = ReferenceData.RELATIONS.between("TUV", "BTN");
        assertEquals(Relations.Status.UNKNOWN, unknown.status());
        assertTrue(unknown.settledBy().contains("a mission of either listed for the other"), unknown.settledBy());
        Plan plan = planner.plan("TUV", "BTN", NoticeKind.NOTE_VERBALE, Precedence.ROUTINE);
        assertTrue(plan.unavailable().stream().anyMatch(u -> u.startsWith("embassy: relations unknown")),
                plan.unavailable()::toString);
    }

    @Test
    void aSummonsNeedsAResidentAmbassadorOrAProtectingPowers() {
        // Fiji has no resident embassy of Afghanistan to call in: the Canberra embassy does not count.
        Plan plan = planner.plan("FJI", "AFG", NoticeKind.SUMMONS, Precedence.ROUTINE);
        assertFalse(plan.deliverable(), plan.toString());
        assertTrue(plan.unavailable().stream().anyMatch(u -> u.startsWith("embassy: no resident mission of AFG in FJI")),
                plan.toString());
        assertTrue(plan.unavailable().contains("protecting power: none looks after AFG's interests in FJI"),
                plan.toString());
        // Iran calls in the Swiss ambassador, who looks after the interests of the United States.
        Route swiss = planner.plan("IRN", "USA", NoticeKind.SUMMONS, Precedence.ROUTINE).routes().get(0);
        assertTrue(swiss.reason().startsWith("the ambassador of CHE, protecting power of USA in IRN, is summoned"),
                swiss.reason());
    }

    @Test
    void aMistypedCodeOrANameFindsTheStateMeant() {
        assertEquals("FRA", states.closeTo("fra").get(0).code());
        assertEquals("FRA", states.closeTo("France").get(0).code());
        assertTrue(states.closeTo("FRQ").stream().anyMatch(s -> s.code().equals("FRA")));
        assertEquals(List.of(), states.closeTo("Atlantis"));
    }

    private static String describe(RouteQuery q, Route r) {
        return q.from() + "→" + q.to() + " " + q.kind() + " by " + String.join(" ", r.via());
    }
}
