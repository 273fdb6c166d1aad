package org.chancery.events;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A step of a notice's path, carried by one topic per {@link Lane}: {@code chancery.delivery.urgent}
 * and {@code chancery.delivery.routine} are the two topics of {@link #DELIVERY}.
 */
public enum HopTopic {
    /** Work for the embassy service: notices to deliver and receipts to carry back. */
    DISPATCH_EMBASSY("chancery.dispatch.embassy"),
    /** Work for the hotline service. */
    DISPATCH_HOTLINE("chancery.dispatch.hotline"),
    /** Work for the protecting-power service (protecting powers and mediators), and its own relays. */
    DISPATCH_PROTECTING_POWER("chancery.dispatch.protecting-power"),
    /** What channels hand to ministries: delivered notices, delivered receipts, failures. */
    DELIVERY("chancery.delivery"),
    /** What a sending ministry records about its own notices: receipts recorded, deadlines. */
    NOTICES("chancery.notices");

    /** What every channel's work topics begin with. */
    public static final String DISPATCH_PREFIX = "chancery.dispatch.";

    private final String base;

    HopTopic(String base) {
        this.base = base;
    }

    /** What this step's topics begin with, in every lane: {@code chancery.delivery.}. */
    public String prefix() {
        return base + ".";
    }

    /** The topic of this step in a lane, e.g. {@code chancery.delivery.urgent}. */
    public String in(Lane lane) {
        return base + "." + lane.suffix();
    }

    /**
     * The fewest topic prefixes that name exactly the topics of these steps, in every lane, in the
     * steps' order: {@code chancery.dispatch.} where they hold every channel's work topics.
     */
    public static List<String> prefixes(Set<HopTopic> steps) {
        Set<HopTopic> dispatch = EnumSet.of(DISPATCH_EMBASSY, DISPATCH_HOTLINE, DISPATCH_PROTECTING_POWER);
        boolean allDispatch = steps.containsAll(dispatch);
        Set<HopTopic> ordered = EnumSet.noneOf(HopTopic.class);
        ordered.addAll(steps);
        List<String> prefixes = new ArrayList<>();
        for (HopTopic step : ordered) {
            String prefix = allDispatch && dispatch.contains(step) ? DISPATCH_PREFIX : step.prefix();
            if (!prefixes.contains(prefix)) {
                prefixes.add(prefix);
            }
        }
        return prefixes;
    }

    /** The work topics of a channel's service. */
    public static HopTopic dispatch(Channel channel) {
        return switch (channel) {
            case EMBASSY -> DISPATCH_EMBASSY;
            case HOTLINE -> DISPATCH_HOTLINE;
            case PROTECTING_POWER, MEDIATOR -> DISPATCH_PROTECTING_POWER;
        };
    }
}
