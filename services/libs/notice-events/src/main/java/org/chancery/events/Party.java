package org.chancery.events;

/**
 * Names of the parties a notice passes through, as they appear in {@code from} and {@code to} of
 * a hop: {@code ministry:USA}, {@code embassy:USA@DEU} (the US embassy in Germany),
 * {@code hotline:US-RU-DCL} ({@code hotline:OSCE-CN@USA}: the United States' node of a network),
 * {@code protecting-power:CHE}, {@code interests-section:USA@IRN} (the
 * US interests section in Tehran, run under the protecting power), {@code mission:PRK@UN} (the
 * permanent mission of North Korea to the United Nations, in New York), {@code mediator:OMN} (the
 * foreign ministry of a state offering its good offices). The part before the colon is
 * the kind of party; then the state it acts for (for a hotline, the line's id); after {@code @},
 * where it sits when that is abroad.
 */
public record Party(String kind, String state, String host) {

    public static final String MINISTRY = "ministry";
    public static final String EMBASSY = "embassy";
    public static final String HOTLINE = "hotline";
    public static final String PROTECTING_POWER = "protecting-power";
    public static final String INTERESTS_SECTION = "interests-section";
    public static final String PERMANENT_MISSION = "mission";
    public static final String MEDIATOR = "mediator";
    /** Where a permanent mission sits: the United Nations, in New York. */
    public static final String UNITED_NATIONS = "UN";

    /** The foreign ministry of a state. */
    public static String ministry(String state) {
        return MINISTRY + ":" + state;
    }

    /** The resident embassy of {@code sending} in {@code host}. */
    public static String embassy(String sending, String host) {
        return EMBASSY + ":" + sending + "@" + host;
    }

    /** A dedicated line, by its id. */
    public static String hotline(String lineId) {
        return HOTLINE + ":" + lineId;
    }

    /** The node of {@code state} on a network of lines: where a notice entered it, and its receipt leaves it. */
    public static String hotlineNode(String networkId, String state) {
        return HOTLINE + ":" + networkId + "@" + state;
    }

    /** The foreign service of a state acting as protecting power. */
    public static String protectingPower(String state) {
        return PROTECTING_POWER + ":" + state;
    }

    /** The section that looks after {@code protectedState}'s interests in {@code host}. */
    public static String interestsSection(String protectedState, String host) {
        return INTERESTS_SECTION + ":" + protectedState + "@" + host;
    }

    /** The permanent mission of a state to the United Nations in New York. */
    public static String permanentMission(String state) {
        return PERMANENT_MISSION + ":" + state + "@" + UNITED_NATIONS;
    }

    /** The foreign ministry of a state passing messages between two others by its good offices. */
    public static String mediator(String state) {
        return MEDIATOR + ":" + state;
    }

    /**
     * Whether a receiving ministry's answer to {@code notice}, handed over by this party, must carry
     * the notice: a permanent mission, a protecting power or a mediator handing it over directly, or
     * the receiving state's own embassy in a third capital, does not say by its name whose notice it
     * was; the sender's embassy, the receiving state's embassy in the sender's capital and an
     * interests section do.
     */
    public static boolean answerCarriesNotice(String deliveredBy, Notice notice) {
        if (deliveredBy == null) {
            return false;
        }
        if (isPermanentMission(deliveredBy) || deliveredBy.startsWith(MEDIATOR + ":")
                || deliveredBy.startsWith(PROTECTING_POWER + ":")) {
            return true;
        }
        return deliveredBy.startsWith(EMBASSY + ":") && isReceiversEmbassyAbroad(parse(deliveredBy), notice);
    }

    /**
     * Whether an embassy is the receiving state's own, in neither state of the notice: the receiving end
     * of a third capital (the sending state's embassy abroad may be accredited to the receiving state too).
     */
    public static boolean isReceiversEmbassyAbroad(Party embassy, Notice notice) {
        return embassy.state().equals(notice.to()) && embassy.host() != null && !embassy.host().equals(notice.from())
                && !embassy.host().equals(notice.to());
    }

    /** Whether a party name is a permanent mission to the UN. */
    public static boolean isPermanentMission(String name) {
        return name != null && name.startsWith(PERMANENT_MISSION + ":") && name.endsWith("@" + UNITED_NATIONS);
    }

    /** Reads a party name; throws {@link IllegalArgumentException} if it is not one. */
    public static Party parse(String name) {
        int colon = name == null ? -1 : name.indexOf(':');
        if (colon <= 0 || colon == name.length() - 1) {
            throw new IllegalArgumentException("not a party: " + name);
        }
        String kind = name.substring(0, colon);
        String rest = name.substring(colon + 1);
        int at = rest.indexOf('@');
        return at < 0 ? new Party(kind, rest, null) : new Party(kind, rest.substring(0, at), rest.substring(at + 1));
    }

    @Override
    public String toString() {
        return kind + ":" + state + (host == null ? "" : "@" + host);
    }
}
