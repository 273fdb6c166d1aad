package org.chancery.events;

import java.util.EnumSet;
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
     * The steps a service sends hops on: the ministry dispatches to every channel and records its
     * own notices; a channel's service relays on its own work topics and delivers; the audit sends none.
     */
    public static Set<HopTopic> sentBy(String service) {
        Set<HopTopic> steps = EnumSet.noneOf(HopTopic.class);
        for (Channel channel : Channel.values()) {
            if (service.equals(HopType.MINISTRY_SERVICE)) {
                steps.add(dispatch(channel));
                steps.add(NOTICES);
            } else if (service.equals(channel.service())) {
                steps.add(dispatch(channel));
                steps.add(DELIVERY);
            }
        }
        return steps;
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
