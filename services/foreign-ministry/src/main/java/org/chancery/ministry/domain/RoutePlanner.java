package org.chancery.ministry.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
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
import org.chancery.events.registry.MissionStatus;
import org.chancery.ministry.domain.Plan.Ground;
import org.chancery.ministry.domain.Plan.Step;

/**
 * Chooses how a notice travels, from the facts that make each channel exist; every route it plans
 * rests on sourced facts, which the plan names ({@link Plan.Ground}).
 *
 * <ol>
 * <li>A channel made for the notice's kind comes first whatever its precedence: the regime's own
 * channel; a treaty notification's risk reduction link, a deconfliction notice's deconfliction line.</li>
 * <li>A FLASH or IMMEDIATE notice goes next by the other working lines that fit its kind (a military
 * line for deconfliction, the leaders' line for a leader's message, a foreign ministries' line for
 * a note); a line whose calls are arranged ahead is never a FLASH notice's first choice.</li>
 * <li>Where the two keep missions: the sender's embassy hands the note to the receiving ministry
 * (VCDR Art. 41(2)), resident or accredited from abroad (Art. 5), or an affairs unit abroad while
 * its embassy is suspended; else the receiving state's embassy in the sender's capital takes it
 * home. For a summons, the receiving state's ambassador is called in, or, where a protecting power
 * looks after its interests, that power's ambassador.</li>
 * <li>Where no embassy serves, a protecting power whose mandate is in force and carries notes: through
 * its interests section (VCDR Art. 45-46), or straight on where its channel serves that direction.</li>
 * <li>The two states' embassies in a third capital, where the sources show notes pass there.</li>
 * <li>The New York channel, between two states that recognise each other and keep missions to the
 * UN, relations or not.</li>
 * <li>Only when the sender allows it, a mediator offering its good offices (informal).</li>
 * <li>The fitting lines of a notice of lower precedence, then liaison lines, last.</li>
 * </ol>
 * Where nothing is left, there is no official channel, and the plan says why, with the facts. A
 * line that is not up, a mandate not in force and one whose scope is consular only are never used.
 */
public class RoutePlanner {

    private static final Set<Precedence> URGENT = EnumSet.of(Precedence.FLASH, Precedence.IMMEDIATE);
    /** The permanent missions' host: the United Nations in New York. */
    private static final String UN = Party.UNITED_NATIONS;

    /** The level of line made for a kind: its lines come first whatever the notice's precedence. */
    private static final Map<NoticeKind, HotlineLevel> MADE_FOR = Map.of(
            NoticeKind.DECONFLICTION_NOTICE, HotlineLevel.DECONFLICTION,
            NoticeKind.TREATY_NOTIFICATION, HotlineLevel.TREATY_NOTIFICATION);

    /** The levels of line that fit a kind of notice, best first. */
    private static final Map<NoticeKind, List<HotlineLevel>> LEVELS = Map.of(
            NoticeKind.DECONFLICTION_NOTICE, List.of(HotlineLevel.DECONFLICTION, HotlineLevel.MILITARY),
            NoticeKind.TREATY_NOTIFICATION, List.of(HotlineLevel.TREATY_NOTIFICATION),
            NoticeKind.LEADER_MESSAGE, List.of(HotlineLevel.LEADERS),
            NoticeKind.NOTE_VERBALE, List.of(HotlineLevel.FOREIGN_MINISTRIES),
            NoticeKind.DEMARCHE, List.of(HotlineLevel.FOREIGN_MINISTRIES),
            NoticeKind.AIDE_MEMOIRE, List.of(HotlineLevel.FOREIGN_MINISTRIES),
            NoticeKind.SUMMONS, List.of());

    /** What a plan's New York channel rests on besides the two missions: that recognition is not in dispute. */
    static final Ground RECOGNITION = new Ground("neither is recorded as not recognising the other; the recognition "
            + "disputes among UN states are those of Israel, Palestine, China and Taipei's allies, Cyprus and the two "
            + "Koreas", "B", "sources/recognition.tsv, no-relations.tsv, research/palestine-recognition.tsv "
            + "(gathered 2026-12-05)", "2025-09-22");

    private final Relations relations;
    private final ChannelRegistry registry;

    public RoutePlanner(Relations relations, ChannelRegistry registry) {
        this.relations = relations;
        this.registry = registry;
    }

    public Plan plan(String from, String to, NoticeKind kind, Precedence precedence) {
        return plan(RouteQuery.of(from, to, kind, precedence));
    }

    /** The plan of a notice: its routes in the order they will be tried, why others are not among them. */
    public Plan plan(RouteQuery query) {
        return new Planning(query).plan();
    }

    /** One plan being made. */
    private final class Planning {
        private final RouteQuery query;
        private final String from;
        private final String to;
        private final NoticeKind kind;
        private final Relations.Relation relation;
        private final List<Step> steps = new ArrayList<>();
        private final List<String> unavailable = new ArrayList<>();
        private final List<String> cautions = new ArrayList<>();
        private final Set<String> linesSeen = new HashSet<>();

        Planning(RouteQuery query) {
            this.query = query;
            this.from = query.from();
            this.to = query.to();
            this.kind = query.kind();
            this.relation = relations.between(from, to);
        }

        Plan plan() {
            boolean urgent = URGENT.contains(query.precedence());
            Regimes.Regime regime = query.regime();
            if (regime != null) {
                regimeChannel(regime);
            }
            List<Hotline> lines = registry.hotlines(from, to).stream().sorted(byFit(query.theatre())).toList();
            if (lines.isEmpty()) {
                unavailable.add("hotline: none between " + from + " and " + to);
            }
            HotlineLevel madeFor = MADE_FOR.get(kind);
            List<HotlineLevel> fits = LEVELS.getOrDefault(kind, List.of());
            lines.stream().filter(h -> h.level() == madeFor).forEach(this::use);
            if (urgent) {
                fits.stream().filter(l -> l != madeFor)
                        .forEach(level -> lines.stream().filter(h -> h.level() == level).forEach(this::use));
            }
            officialChannels();
            if (regime != null && regime.channel() != Channel.HOTLINE) {
                putFirst(regime.channel());
            }
            if (!urgent) {
                fits.forEach(level -> lines.stream().filter(h -> h.level() == level).forEach(this::use));
            }
            if (kind != NoticeKind.SUMMONS) {
                lines.stream().filter(h -> h.level() == HotlineLevel.LIAISON).forEach(this::use);
            }
            String regimeLine = regime == null ? null : regime.hotline();
            lines.stream().filter(h -> !fits.contains(h.level()) && !h.id().equals(regimeLine)
                            && (h.level() != HotlineLevel.LIAISON || kind == NoticeKind.SUMMONS))
                    .forEach(h -> unavailable.add("hotline: " + h.id() + " is a " + h.level() + " line, not for a " + kind));
            if (query.precedence() == Precedence.FLASH) {
                neverFirstIfArrangedAhead();
            }
            return new Plan(List.copyOf(steps), List.copyOf(unavailable), List.copyOf(cautions));
        }

        /** The regime's own line first; its caution, if it is in doubt, for the sender to read. */
        private void regimeChannel(Regimes.Regime regime) {
            if (regime.caution() != null) {
                cautions.add(regime.id() + ": " + regime.caution());
            }
            if (regime.hotline() == null) {
                return;
            }
            Optional<Hotline> line = registry.hotlines(from, to).stream().filter(h -> h.id().equals(regime.hotline()))
                    .findFirst();
            if (line.isPresent() && line.get().status() == LinkStatus.UP) {
                add(new Route(Channel.HOTLINE, List.of(Party.hotline(regime.hotline())), line.get().name()
                        + ", the channel " + regime.id() + " names (" + regime.confidence() + ")"), grounds(line.get()));
            } else {
                unavailable.add(regime.id() + ": its channel, " + regime.hotline() + ", is "
                        + line.map(h -> h.status().name().toLowerCase().replace('_', ' ')).orElse("not known"));
            }
        }

        /**
         * The official channels between the two, best first: an embassy where there is one; else the
         * channels of states without one. For a summons, only the ambassadors'.
         */
        private void officialChannels() {
            if (kind == NoticeKind.SUMMONS) {
                summons();
                return;
            }
            int before = steps.size();
            embassy();
            if (steps.size() > before) {
                return;
            }
            protectingPowers();
            thirdCapital();
            newYork();
            mediator();
        }

        private void embassy() {
            if (!relation.status().keepsMissions()) {
                unavailable.add("embassy: " + relation.describe());
                return;
            }
            Optional<Mission> own = registry.mission(from, to);
            if (own.isPresent() && own.get().serves()) {
                Mission m = own.get();
                String why = m.resident() ? "the sending state's resident embassy delivers to the receiving ministry"
                        : "the sending state's embassy in " + m.accreditedFrom() + ", "
                                + (m.standing() == MissionStatus.NONE ? "also accredited to " + to
                                : "where it works while its embassy in " + to + " is " + m.standing().name().toLowerCase())
                                + ", delivers to the receiving ministry";
                add(new Route(Channel.EMBASSY, List.of(Party.embassy(from, m.seat())), why + " (mission: "
                        + m.confidence() + ")"), List.of(ground(relation), ground(m)));
                return;
            }
            Optional<Mission> theirs = registry.mission(to, from).filter(Mission::resident);
            if (theirs.isPresent()) {
                add(new Route(Channel.EMBASSY, List.of(Party.embassy(to, from)), "the receiving state's embassy in "
                        + from + " takes the note home, " + from + " having no mission for " + to + " (mission: "
                        + theirs.get().confidence() + ")"), List.of(ground(relation), ground(theirs.get())));
                return;
            }
            unavailable.add("embassy: no mission of " + from + " for " + to + own.map(m -> " (" + m.note() + "; "
                    + m.confidence() + ")").orElse("") + ", and none of " + to + " in " + from);
        }

        /** The receiving state's resident ambassador is called in; failing one, its protecting power's. */
        private void summons() {
            Optional<Mission> ambassador = registry.mission(to, from).filter(Mission::resident);
            if (relation.status().keepsMissions() && ambassador.isPresent()) {
                add(new Route(Channel.EMBASSY, List.of(Party.embassy(to, from)), "the ambassador of " + to
                        + " is summoned in " + from + " and takes the note home (mission: "
                        + ambassador.get().confidence() + ")"), List.of(ground(relation), ground(ambassador.get())));
                return;
            }
            unavailable.add("embassy: " + (relation.status().keepsMissions() ? "no resident mission of " + to + " in "
                    + from + registry.mission(to, from).map(m -> " (" + m.note() + "; " + m.confidence() + ")").orElse("")
                    : relation.describe()));
            List<Mandate> powers = registry.mandates(to, from).stream()
                    .filter(m -> m.type() == MandateKind.PROTECTING_POWER && m.inForce() && m.carries()).toList();
            for (Mandate m : powers) {
                add(new Route(Channel.PROTECTING_POWER, List.of(Party.protectingPower(m.protectingPower())),
                        "the ambassador of " + m.protectingPower() + ", protecting power of " + to + " in " + from
                                + ", is summoned and passes the note to " + to + " (" + m.confidence() + ")"),
                        List.of(ground(m)));
            }
            if (powers.isEmpty()) {
                unavailable.add("protecting power: none looks after " + to + "'s interests in " + from);
            }
        }

        /**
         * The protecting powers whose mandates for this direction are in force and carry notes: those
         * that relay through their interests section first, then those that pass the note straight on.
         */
        private void protectingPowers() {
            List<Mandate> mandates = registry.mandates(from, to).stream()
                    .filter(m -> m.type() != MandateKind.GOOD_OFFICES).toList();
            int before = steps.size();
            for (MandateKind type : List.of(MandateKind.PROTECTING_POWER, MandateKind.MESSAGE_CHANNEL)) {
                mandates.stream().filter(m -> m.type() == type && m.inForce() && m.carries()).forEach(m -> add(
                        new Route(Channel.PROTECTING_POWER, type == MandateKind.PROTECTING_POWER
                                ? List.of(Party.protectingPower(m.protectingPower()), Party.interestsSection(from, to))
                                : List.of(Party.protectingPower(m.protectingPower())),
                                m.protectingPower() + (type == MandateKind.PROTECTING_POWER ? " protects " + from
                                        + "'s interests in " + to : " passes " + from + "'s messages to " + to
                                        + " by the channel of its mandate") + (m.since() == null ? "" : " since " + m.since())
                                        + " (" + m.confidence() + ")"), List.of(ground(m))));
            }
            if (steps.size() == before) {
                unavailable.add("protecting power: " + (mandates.isEmpty()
                        ? "no mandate for " + from + "'s interests in " + to
                        : String.join("; ", mandates.stream().map(m -> m.protectingPower() + "'s mandate is "
                                + (m.inForce() ? "consular only (" + m.scope() + "), no channel for notes"
                                : m.status().name().toLowerCase().replace('_', ' ')
                                + (m.statusAsRecorded() == null ? "" : " (" + m.statusAsRecorded() + ")"))).toList())));
            }
        }

        /** The two states' embassies in a third capital, where the sources show notes pass between them there. */
        private void thirdCapital() {
            Optional<Mission> record = registry.mission(from, to).filter(m -> m.thirdCapital() != null);
            if (record.isEmpty()) {
                return;
            }
            String capital = record.get().thirdCapital();
            Optional<Mission> mine = registry.mission(from, capital).filter(Mission::resident);
            Optional<Mission> theirs = registry.mission(to, capital).filter(Mission::resident);
            if (mine.isEmpty() || theirs.isEmpty()) {
                unavailable.add("third capital: notes pass in " + capital + ", but " + (mine.isEmpty() ? from : to)
                        + " has no embassy there now");
                return;
            }
            add(new Route(Channel.EMBASSY, List.of(Party.embassy(from, capital), Party.embassy(to, capital)),
                    "a third capital: " + from + "'s embassy in " + capital + " hands the note to " + to
                            + "'s embassy there (" + record.get().confidence() + ")"),
                    List.of(ground(record.get()), ground(mine.get()), ground(theirs.get())));
        }

        /**
         * The permanent missions to the UN hand a note from one to the other (domain.md §1.5: the "New
         * York channel" between the United States and North Korea), relations or not, between states
         * that recognise each other.
         */
        private void newYork() {
            if (!relation.recognisedBy(from) || !relation.recognisedBy(to)) {
                unavailable.add("New York channel: " + relation.describe());
                return;
            }
            Optional<Mission> mine = registry.mission(from, UN).filter(Mission::resident);
            Optional<Mission> theirs = registry.mission(to, UN).filter(Mission::resident);
            if (mine.isEmpty() || theirs.isEmpty()) {
                String without = mine.isEmpty() ? from : to;
                unavailable.add("New York channel: " + registry.mission(without, UN)
                        .map(m -> without + ": " + m.note() + " (" + m.confidence() + ")")
                        .orElse("no mission of " + without + " at the UN is known"));
                return;
            }
            add(new Route(Channel.EMBASSY, List.of(Party.permanentMission(from), Party.permanentMission(to)),
                    "the New York channel: " + from + "'s permanent mission to the United Nations hands the note to "
                            + to + "'s"),
                    List.of(ground(mine.get()), ground(theirs.get()), RECOGNITION));
        }

        /**
         * A state offering its good offices between the two (domain.md §1.5: Oman between the United
         * States and Iran) passes the note on: informal, so only when the sender allows it.
         */
        private void mediator() {
            List<Mandate> offers = registry.mandates(from, to).stream()
                    .filter(m -> m.type() == MandateKind.GOOD_OFFICES && m.inForce()).toList();
            if (offers.isEmpty()) {
                return;
            }
            Mandate m = offers.get(0);
            if (!query.allowMediator()) {
                unavailable.add("mediator: " + m.protectingPower() + " offers its good offices between " + from + " and "
                        + to + ", used only when the notice allows a mediator (allowMediator)");
                return;
            }
            add(Route.informal(Channel.MEDIATOR, List.of(Party.mediator(m.protectingPower())),
                    "informal: " + m.protectingPower() + " passes the note on by its good offices ("
                            + m.statusAsRecorded() + "; " + m.confidence() + ": " + m.source() + ")"), List.of(ground(m)));
        }

        private void use(Hotline line) {
            if (!linesSeen.add(line.id())) {
                return;
            }
            if (line.status() != LinkStatus.UP) {
                unavailable.add("hotline: " + line.id() + " is " + line.status().name().toLowerCase().replace('_', ' ')
                        + (line.statusNote() == null ? "" : " (" + line.statusNote() + ")")
                        + (line.statusAsOf() == null ? "" : ", as of " + line.statusAsOf()));
                return;
            }
            String theatre = query.theatre();
            String where = line.theatres() == null ? ""
                    : line.servesTheatre(theatre) ? ", built for activity in " + theatre + ", the notice's theatre"
                    : ", built for activity in " + String.join(", ", line.theatres());
            add(new Route(Channel.HOTLINE, List.of(Party.hotline(line.id())), line.name() + ", a " + line.level()
                    + " line fit for a " + kind + where + (line.arrangedAhead() ? "; calls are arranged ahead" : "")
                    + " (" + line.confidence() + ")"), grounds(line));
        }

        private void add(Route route, List<Ground> grounds) {
            if (steps.stream().noneMatch(s -> s.route().via().equals(route.via()))) {
                steps.add(new Step(route, grounds));
            }
        }

        /** The routes of a regime's channel before the others, in their order. */
        private void putFirst(Channel channel) {
            List<Step> first = steps.stream().filter(s -> s.route().channel() == channel).toList();
            steps.removeAll(first);
            steps.addAll(0, first);
        }

        /** A line whose calls are arranged ahead cannot take a FLASH notice at once: the next route goes first. */
        private void neverFirstIfArrangedAhead() {
            Optional<Step> firstAtOnce = steps.stream().filter(s -> !arrangedAhead(s.route())).findFirst();
            if (!steps.isEmpty() && arrangedAhead(steps.get(0).route()) && firstAtOnce.isPresent()) {
                steps.remove(firstAtOnce.get());
                steps.add(0, firstAtOnce.get());
            }
        }

        private boolean arrangedAhead(Route route) {
            return route.channel() == Channel.HOTLINE && registry.hotlines(from, to).stream()
                    .anyMatch(h -> route.via().equals(List.of(Party.hotline(h.id()))) && h.arrangedAhead());
        }
    }

    private static Ground ground(Relations.Relation r) {
        return new Ground(String.join("-", r.states()) + ": " + r.status().name().toLowerCase().replace('_', ' ')
                + (r.note() == null ? "" : ", " + r.note()), r.grade(), r.source(), r.asOf() != null ? r.asOf() : r.since());
    }

    private static Ground ground(Mission m) {
        String what = UN.equals(m.host()) ? m.sending() + "'s " + m.note()
                : m.thirdCapital() != null ? m.sending() + " to " + m.host() + ": " + m.note()
                : m.sending() + "'s mission for " + m.host() + ": " + (m.resident() ? "resident" : "seated in "
                        + m.accreditedFrom()) + (m.note() == null ? "" : " (" + m.note() + ")");
        return new Ground(what, m.confidence(), m.source(), m.asOf());
    }

    private static Ground ground(Mandate m) {
        return new Ground(m.protectingPower() + " for " + m.sending() + " in " + m.receiving() + ": "
                + m.type().name().toLowerCase().replace('_', ' ') + (m.scope() == null ? "" : " (" + m.scope() + ")"),
                m.confidence(), m.source(), m.since());
    }

    private static List<Ground> grounds(Hotline line) {
        return List.of(new Ground(line.name() + ": " + line.status().name().toLowerCase()
                + (line.statusNote() == null ? "" : " (" + line.statusNote() + ")"), line.confidence(),
                line.sources() == null ? null : String.join(" ; ", line.sources()), line.statusAsOf()));
    }

    /**
     * The order of lines within a level: a line built for the notice's theatre first, then lines of
     * general use, then lines built for other theatres; two-state lines before networks; the most
     * recently established first (the newest reflects the operations of now; ids say nothing).
     */
    private static Comparator<Hotline> byFit(String theatre) {
        Comparator<Hotline> fit = Comparator.comparingInt(h -> h.servesTheatre(theatre) ? 0 : h.theatres() == null ? 1 : 2);
        return fit.thenComparing(Hotline::network).thenComparing(RoutePlanner::establishedOn, Comparator.reverseOrder())
                .thenComparing(Hotline::id);
    }

    private static final Pattern DATE = Pattern.compile("\\d{4}(-\\d{2}){0,2}");

    /** The date a line was established, as far as its record says ("agreed Oct 1997; activation 1998": 1997). */
    private static String establishedOn(Hotline line) {
        Matcher date = DATE.matcher(line.established() == null ? "" : line.established());
        return date.find() ? date.group() : "";
    }
}
