package org.chancery.events.registry;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.chancery.events.NoticeKind;
import org.chancery.events.Party;

/**
 * A third state acts between two others only under a mandate it holds. The protecting-power
 * service may sign hops for any protecting power or mediator, so its key alone does not show that
 * the state named in a hop may act for this pair of states: a ministry takes a notice or a receipt
 * from a third state, and the audit calls its hop verified, only if the registry holds a mandate in
 * force, carrying notes, for the sending state in the receiving state, held by that state and of a
 * kind that lets it act so; or, for a summons only, the protecting power's mandate for the receiving
 * state in the sending one (its ambassador there is summoned in the receiving state's stead, and
 * passes the note home).
 */
public final class ThirdStateAuthority {

    private static final Set<MandateKind> PROTECTING = EnumSet.of(MandateKind.PROTECTING_POWER, MandateKind.MESSAGE_CHANNEL);
    private static final Set<MandateKind> MEDIATING = EnumSet.of(MandateKind.GOOD_OFFICES);
    private static final Set<MandateKind> SECTION = EnumSet.of(MandateKind.PROTECTING_POWER);

    private final Mandates registry;

    /** Judged against these mandates: the ministry's registry as it is, or the audit's as it was when a hop moved. */
    public ThirdStateAuthority(Mandates registry) {
        this.registry = registry;
    }

    /**
     * Why {@code party} may not hand over a notice of {@code kind} (or its receipt) that passes between
     * {@code sending} and {@code receiving}; empty if it holds a mandate for it.
     */
    public Optional<String> refusal(String party, String sending, String receiving, NoticeKind kind) {
        Party acting = Party.parse(party);
        return switch (acting.kind()) {
            case Party.PROTECTING_POWER -> kind == NoticeKind.SUMMONS
                    ? holds(acting.state(), receiving, sending, SECTION, "mandate")
                    : holds(acting.state(), sending, receiving, PROTECTING, "mandate");
            case Party.MEDIATOR -> holds(acting.state(), sending, receiving, MEDIATING, "good offices");
            case Party.INTERESTS_SECTION -> acting.state().equals(sending) && acting.host().equals(receiving)
                    ? registry.mandates(sending, receiving).stream().filter(m -> usable(m, SECTION)).findFirst()
                            .map(m -> Optional.<String>empty())
                            .orElse(Optional.of("no protecting power holds a mandate in force for " + sending + " in "
                                    + receiving + ", so " + party + " is not theirs"))
                    : Optional.of(party + " is not the interests section of " + sending + " in " + receiving);
            default -> Optional.of(party + " is not a third state");
        };
    }

    private Optional<String> holds(String third, String sending, String receiving, Set<MandateKind> kinds, String what) {
        boolean held = registry.mandates(sending, receiving).stream()
                .anyMatch(m -> m.protectingPower().equals(third) && usable(m, kinds));
        return held ? Optional.empty()
                : Optional.of(third + " holds no " + what + " in force for " + sending + " in " + receiving);
    }

    private static boolean usable(Mandate m, Set<MandateKind> kinds) {
        return kinds.contains(m.type()) && m.inForce() && m.carries();
    }
}
