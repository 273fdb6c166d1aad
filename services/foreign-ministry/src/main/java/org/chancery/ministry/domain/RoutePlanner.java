package org.chancery.ministry.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chancery.events.Channel;
import org.chancery.events.NoticeKind;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.Route;
import org.chancery.events.registry.Hotline;
import org.chancery.events.registry.HotlineLevel;
import org.chancery.events.registry.LinkStatus;
import org.chancery.events.registry.Mandate;
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
 * interests section, to the receiving ministry (VCDR Art. 45-46); after it, unless relations are
 * severed, the two states' permanent missions to the UN in New York.</li>
 * <li>Hotlines that fit a notice of lower precedence, and liaison lines between states without
 * relations, come last.</li>
 * </ul>
 * A line that is down, not answering or unverified, and a mandate not in force, are never used.
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
        List<Route> routes = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        List<Route> lines = hotlines(from, to, kind, unavailable);
        boolean urgent = URGENT.contains(precedence);
        if (urgent) {
            routes.addAll(lines);
        }
        Optional<Route> embassy = embassy(from, to, kind, unavailable);
        embassy.ifPresent(routes::add);
        if (embassy.isEmpty() && kind != NoticeKind.SUMMONS) {
            protectingPower(from, to, unavailable).ifPresent(routes::add);
            newYork(from, to, unavailable).ifPresent(routes::add);
        }
        if (!urgent) {
            routes.addAll(lines);
        }
        return new Plan(List.copyOf(routes), List.copyOf(unavailable));
    }

    /**
     * The plan of a notice given under a notification regime: the regime's channel first, whatever
     * the precedence (the 1988 agreement names the risk reduction centres' link for a launch), then
     * the other routes as fallbacks.
     */
    public Plan plan(String from, String to, NoticeKind kind, Precedence precedence, Regimes.Regime regime) {
        Plan plan = plan(from, to, kind, precedence);
        if (regime == null) {
            return plan;
        }
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

    private Optional<Route> protectingPower(String from, String to, List<String> unavailable) {
        List<Mandate> mandates = registry.mandates(from, to);
        Optional<Mandate> inForce = mandates.stream().filter(Mandate::inForce).findFirst();
        if (inForce.isEmpty()) {
            unavailable.add("protecting power: " + (mandates.isEmpty()
                    ? "no mandate for " + from + "'s interests in " + to
                    : String.join("; ", mandates.stream().map(m -> m.protectingPower() + "'s mandate is "
                            + m.status().name().toLowerCase().replace('_', ' ')
                            + (m.statusAsRecorded() == null ? "" : " (" + m.statusAsRecorded() + ")")).toList())));
            return Optional.empty();
        }
        Mandate m = inForce.get();
        return Optional.of(new Route(Channel.PROTECTING_POWER,
                List.of(Party.protectingPower(m.protectingPower()), Party.interestsSection(from, to)),
                m.protectingPower() + " protects " + from + "'s interests in " + to
                        + (m.since() == null ? "" : " since " + m.since()) + " (" + m.confidence() + ")"));
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

    private List<Route> hotlines(String from, String to, NoticeKind kind, List<String> unavailable) {
        List<Hotline> lines = registry.hotlines(from, to);
        if (lines.isEmpty()) {
            unavailable.add("hotline: none between " + from + " and " + to);
            return List.of();
        }
        List<HotlineLevel> fits = LEVELS.getOrDefault(kind, List.of());
        List<Route> routes = new ArrayList<>();
        List<Hotline> liaison = new ArrayList<>();
        for (HotlineLevel level : fits) {
            lines.stream().filter(h -> h.level() == level).forEach(h -> use(h, kind, routes, unavailable));
        }
        lines.stream().filter(h -> h.level() == HotlineLevel.LIAISON && kind != NoticeKind.SUMMONS)
                .forEach(liaison::add);
        liaison.forEach(h -> use(h, kind, routes, unavailable));
        lines.stream().filter(h -> !fits.contains(h.level()) && (h.level() != HotlineLevel.LIAISON
                        || kind == NoticeKind.SUMMONS))
                .forEach(h -> unavailable.add("hotline: " + h.id() + " is a " + h.level() + " line, not for a "
                        + kind));
        return routes;
    }

    private static void use(Hotline line, NoticeKind kind, List<Route> routes, List<String> unavailable) {
        if (line.status() != LinkStatus.UP) {
            unavailable.add("hotline: " + line.id() + " is " + line.status().name().toLowerCase().replace('_', ' ')
                    + (line.statusNote() == null ? "" : " (" + line.statusNote() + ")"));
            return;
        }
        routes.add(new Route(Channel.HOTLINE, List.of(Party.hotline(line.id())),
                line.name() + ", a " + line.level() + " line fit for a " + kind + " (" + line.confidence() + ")"));
    }
}
