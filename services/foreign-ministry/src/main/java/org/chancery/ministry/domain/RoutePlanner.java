package org.chancery.ministry.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chancery.events.Channel;
import org.chancery.events.NoticeKind;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.Route;
import org.chancery.events.registry.Hotline;
import org.chancery.events.registry.HotlineLevel;
import org.chancery.events.registry.LinkStatus;
import org.chancery.events.registry.Mandate;
import org.chancery.events.registry.MandateKind;
import org.chancery.events.registry.Mission;

/**
 * Chooses how a notice travels, from relations and from what the channels offer.
 *
 * <ul>
 * <li>A FLASH or IMMEDIATE notice goes first by a working hotline between the two states built for
 * its kind: a deconfliction notice by a deconfliction (or else military) line, a treaty
 * notification by the risk reduction centres' link, a message between leaders by the leaders'
 * line, a note by a foreign ministries' line.</li>
 * <li>Otherwise, and as the fallback, the sender's embassy hands the note to the receiving
 * ministry (VCDR Art. 41(2)): its resident one, or one seated elsewhere and accredited to the
 * receiving state as well (VCDR Art. 5); for a summons, the receiving state's ambassador is called
 * in and takes it home. Either needs relations that keep missions, and the mission.</li>
 * <li>Without such an embassy, a protecting power whose mandate is in force relays, through its
 * interests section, to the receiving ministry (VCDR Art. 45-46), or passes the note straight on
 * where its channel serves that direction; after it, unless relations are severed, the two states'
 * permanent missions to the UN in New York; after them, only when the sender allows it, a mediator
 * offering its good offices (informal: no official channel between the two).</li>
 * <li>Hotlines that fit a notice of lower precedence, and liaison lines between states without
 * relations, come last.</li>
 * </ul>
 * A line that is down, not answering or unverified, a mandate not in force and one whose scope is
 * consular only are never used.
 */
public class RoutePlanner {

    private static final Set<Precedence> URGENT = EnumSet.of(Precedence.FLASH, Precedence.IMMEDIATE);

    /** The levels of line that fit a kind of notice, best first. */
    private static final Map<NoticeKind, List<HotlineLevel>> LEVELS = Map.of(
            NoticeKind.DECONFLICTION_NOTICE, List.of(HotlineLevel.DECONFLICTION, HotlineLevel.MILITARY),
            NoticeKind.TREATY_NOTIFICATION, List.of(HotlineLevel.TREATY_NOTIFICATION),
            NoticeKind.LEADER_MESSAGE, List.of(HotlineLevel.LEADERS),
            NoticeKind.NOTE_VERBALE, List.of(HotlineLevel.FOREIGN_MINISTRIES),
            NoticeKind.DEMARCHE, List.of(HotlineLevel.FOREIGN_MINISTRIES),
            NoticeKind.AIDE_MEMOIRE, List.of(HotlineLevel.FOREIGN_MINISTRIES),
            NoticeKind.SUMMONS, List.of());

    private final Relations relations;
    private final ChannelRegistry registry;

    public RoutePlanner(Relations relations, ChannelRegistry registry) {
        this.relations = relations;
        this.registry = registry;
    }

    public Plan plan(String from, String to, NoticeKind kind, Precedence precedence) {
        return plan(RouteQuery.of(from, to, kind, precedence));
    }

    /**
     * The plan of a notice. Under a regime, the regime's channel comes first whatever the
     * precedence (the 1988 agreement names the risk reduction centres' link for a launch), the
     * other routes as fallbacks. A mediator's good offices are among the routes only if the query
     * allows them.
     */
    public Plan plan(RouteQuery query) {
        Plan plan = withoutRegime(query);
        Regimes.Regime regime = query.regime();
        if (regime == null) {
            return plan;
        }
        String from = query.from();
        String to = query.to();
        List<Route> routes = new ArrayList<>();
        List<String> unavailable = new ArrayList<>(plan.unavailable());
        if (regime.hotline() != null) {
            Optional<Hotline> line = registry.hotlines(from, to).stream().filter(h -> h.id().equals(regime.hotline()))
                    .findFirst();
            if (line.isPresent() && line.get().status() == LinkStatus.UP) {
                routes.add(new Route(Channel.HOTLINE, List.of(Party.hotline(regime.hotline())), line.get().name()
                        + ", the channel " + regime.id() + " names (" + regime.confidence() + ")"));
            } else {
                unavailable.add(regime.id() + ": its channel, " + regime.hotline() + ", is "
                        + line.map(h -> h.status().name().toLowerCase().replace('_', ' ')).orElse("not known"));
            }
        }
        plan.routes().stream().filter(r -> r.channel() == regime.channel()).forEach(r -> addNew(routes, r));
        plan.routes().forEach(r -> addNew(routes, r));
        return new Plan(List.copyOf(routes), List.copyOf(unavailable));
    }

    /** The plan by precedence and kind alone, before a regime puts its channel first. */
    private Plan withoutRegime(RouteQuery query) {
        String from = query.from();
        String to = query.to();
        NoticeKind kind = query.kind();
        List<Route> routes = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        List<Route> lines = hotlines(from, to, kind, query.theatre(), unavailable);
        boolean urgent = URGENT.contains(query.precedence());
        if (urgent) {
            routes.addAll(lines);
        }
        Optional<Route> embassy = embassy(from, to, kind, unavailable);
        embassy.ifPresent(routes::add);
        if (embassy.isEmpty() && kind != NoticeKind.SUMMONS) {
            routes.addAll(protectingPowers(from, to, unavailable));
            newYork(from, to, unavailable).ifPresent(routes::add);
            mediator(from, to, query.allowMediator(), unavailable).ifPresent(routes::add);
        }
        if (!urgent) {
            routes.addAll(lines);
        }
        return new Plan(List.copyOf(routes), List.copyOf(unavailable));
    }

    private static void addNew(List<Route> routes, Route route) {
        if (routes.stream().noneMatch(r -> r.via().equals(route.via()))) {
            routes.add(route);
        }
    }

    private Optional<Route> embassy(String from, String to, NoticeKind kind, List<String> unavailable) {
        Relations.Relation relation = relations.between(from, to);
        if (!relation.status().keepsMissions()) {
            unavailable.add("embassy: " + relation.describe());
            return Optional.empty();
        }
        boolean summons = kind == NoticeKind.SUMMONS;
        String sending = summons ? to : from;
        String host = summons ? from : to;
        Optional<Mission> mission = registry.mission(sending, host);
        // The summoned ambassador must be resident; a note may go by an embassy accredited from abroad.
        boolean serves = mission.map(m -> summons ? m.resident() : m.serves()).orElse(false);
        if (!serves) {
            unavailable.add("embassy: no " + (summons ? "resident " : "") + "mission of " + sending + " in " + host
                    + mission.map(m -> " (" + m.note() + "; " + m.confidence() + ")").orElse(""));
            return Optional.empty();
        }
        Mission m = mission.get();
        String why = summons
                ? "the ambassador of " + to + " is summoned in " + from + " and takes the note home"
                : m.resident() ? "the sending state's resident embassy delivers to the receiving ministry"
                : "the sending state's embassy in " + m.accreditedFrom() + ", also accredited to " + host
                        + ", delivers to the receiving ministry";
        return Optional.of(new Route(Channel.EMBASSY, List.of(Party.embassy(sending, m.seat())),
                why + " (mission: " + m.confidence() + ")"));
    }

    /**
     * The protecting powers whose mandates for this direction are in force and carry notes: those
     * that relay through their interests section first, then those that pass the note straight on.
     */
    private List<Route> protectingPowers(String from, String to, List<String> unavailable) {
        List<Mandate> mandates = registry.mandates(from, to).stream().filter(m -> m.type() != MandateKind.GOOD_OFFICES)
                .toList();
        List<Route> routes = new ArrayList<>();
        for (MandateKind kind : List.of(MandateKind.PROTECTING_POWER, MandateKind.MESSAGE_CHANNEL)) {
            mandates.stream().filter(m -> m.type() == kind && m.inForce() && m.carries()).forEach(m -> routes.add(
                    new Route(Channel.PROTECTING_POWER, kind == MandateKind.PROTECTING_POWER
                            ? List.of(Party.protectingPower(m.protectingPower()), Party.interestsSection(from, to))
                            : List.of(Party.protectingPower(m.protectingPower())),
                            m.protectingPower() + (kind == MandateKind.PROTECTING_POWER ? " protects " + from
                                    + "'s interests in " + to : " passes " + from + "'s messages to " + to
                                    + " by the channel of its mandate") + (m.since() == null ? "" : " since " + m.since())
                                    + " (" + m.confidence() + ")")));
        }
        if (routes.isEmpty()) {
            unavailable.add("protecting power: " + (mandates.isEmpty()
                    ? "no mandate for " + from + "'s interests in " + to
                    : String.join("; ", mandates.stream().map(m -> m.protectingPower() + "'s mandate is "
                            + (m.inForce() ? "consular only (" + m.scope() + "), no channel for notes"
                            : m.status().name().toLowerCase().replace('_', ' ')
                            + (m.statusAsRecorded() == null ? "" : " (" + m.statusAsRecorded() + ")"))).toList())));
        }
        return routes;
    }

    /**
     * A state offering its good offices between the two (domain.md §1.5: Oman between the United
     * States and Iran) passes the note on: informal, so only when the sender allows it.
     */
    private Optional<Route> mediator(String from, String to, boolean allowed, List<String> unavailable) {
        List<Mandate> offers = registry.mandates(from, to).stream()
                .filter(m -> m.type() == MandateKind.GOOD_OFFICES && m.inForce()).toList();
        if (offers.isEmpty()) {
            return Optional.empty();
        }
        Mandate m = offers.get(0);
        if (!allowed) {
            unavailable.add("mediator: " + m.protectingPower() + " offers its good offices between " + from + " and "
                    + to + ", used only when the notice allows a mediator (allowMediator)");
            return Optional.empty();
        }
        return Optional.of(Route.informal(Channel.MEDIATOR, List.of(Party.mediator(m.protectingPower())),
                "informal: " + m.protectingPower() + " passes the note on by its good offices ("
                        + m.statusAsRecorded() + "; " + m.confidence() + ": " + m.source() + ")"));
    }

    /**
     * The permanent missions to the UN hand a note from one to the other, where no embassy serves
     * (domain.md §1.5: the "New York channel" between the United States and North Korea). Every UN
     * member and observer keeps one. Not between states that severed relations: they broke off
     * this contact too (Russia and Ukraine, …), and a protecting power is the channel they keep.
     */
    private Optional<Route> newYork(String from, String to, List<String> unavailable) {
        Relations.Relation relation = relations.between(from, to);
        if (relation.status() == Relations.Status.SEVERED) {
            unavailable.add("New York channel: " + relation.describe());
            return Optional.empty();
        }
        return Optional.of(new Route(Channel.EMBASSY, List.of(Party.permanentMission(from), Party.permanentMission(to)),
                "the New York channel: " + from + "'s permanent mission to the United Nations hands the note to "
                        + to + "'s (B: HuffPost, Oct 2017; Washington Post, 11 Aug 2017)"));
    }

    /**
     * The lines that fit a notice's kind, best level first; within a level, by fit to where the
     * notified activity is: a line built for that theatre first, then lines of general use, then
     * lines built for other theatres, the most recently established first (the newest reflects the
     * operations of now; ids say nothing).
     */
    private List<Route> hotlines(String from, String to, NoticeKind kind, String theatre, List<String> unavailable) {
        List<Hotline> lines = registry.hotlines(from, to).stream().sorted(byFit(theatre)).toList();
        if (lines.isEmpty()) {
            unavailable.add("hotline: none between " + from + " and " + to);
            return List.of();
        }
        List<HotlineLevel> fits = LEVELS.getOrDefault(kind, List.of());
        List<Route> routes = new ArrayList<>();
        List<Hotline> liaison = new ArrayList<>();
        for (HotlineLevel level : fits) {
            lines.stream().filter(h -> h.level() == level).forEach(h -> use(h, kind, theatre, routes, unavailable));
        }
        lines.stream().filter(h -> h.level() == HotlineLevel.LIAISON && kind != NoticeKind.SUMMONS)
                .forEach(liaison::add);
        liaison.forEach(h -> use(h, kind, theatre, routes, unavailable));
        lines.stream().filter(h -> !fits.contains(h.level()) && (h.level() != HotlineLevel.LIAISON
                        || kind == NoticeKind.SUMMONS))
                .forEach(h -> unavailable.add("hotline: " + h.id() + " is a " + h.level() + " line, not for a "
                        + kind));
        return routes;
    }

    private static Comparator<Hotline> byFit(String theatre) {
        Comparator<Hotline> fit = Comparator.comparingInt(h -> h.servesTheatre(theatre) ? 0 : h.theatres() == null ? 1 : 2);
        return fit.thenComparing(RoutePlanner::establishedOn, Comparator.reverseOrder()).thenComparing(Hotline::id);
    }

    private static final Pattern DATE = Pattern.compile("\\d{4}(-\\d{2}){0,2}");

    /** The date a line was established, as far as its record says ("agreed Oct 1997; activation 1998": 1997). */
    private static String establishedOn(Hotline line) {
        Matcher date = DATE.matcher(line.established() == null ? "" : line.established());
        return date.find() ? date.group() : "";
    }

    private static void use(Hotline line, NoticeKind kind, String theatre, List<Route> routes,
            List<String> unavailable) {
        if (line.status() != LinkStatus.UP) {
            unavailable.add("hotline: " + line.id() + " is " + line.status().name().toLowerCase().replace('_', ' ')
                    + (line.statusNote() == null ? "" : " (" + line.statusNote() + ")"));
            return;
        }
        String where = line.theatres() == null ? ""
                : line.servesTheatre(theatre) ? ", built for activity in " + theatre + ", the notice's theatre"
                : ", built for activity in " + String.join(", ", line.theatres());
        routes.add(new Route(Channel.HOTLINE, List.of(Party.hotline(line.id())),
                line.name() + ", a " + line.level() + " line fit for a " + kind + where + " (" + line.confidence() + ")"));
    }
}
