package org.chancery.events;

/**
 * Names of the parties a notice passes through, as they appear in {@code from} and {@code to} of
 * a hop: {@code ministry:USA}, {@code embassy:USA@DEU} (the US embassy in Germany),
 * {@code hotline:US-RU-DCL}, {@code protecting-power:CHE}, {@code interests-section:USA@IRN} (the
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
     * Whether a receiving ministry's answer to a notice handed over by this party must carry the
     * notice: a permanent mission, a protecting power or a mediator handing it over directly does
     * not say, by its name, whose notice it was; an embassy or an interests section does.
     */
    public static boolean answerCarriesNotice(String deliveredBy) {
        return isPermanentMission(deliveredBy) || deliveredBy != null && (deliveredBy.startsWith(MEDIATOR + ":")
                || deliveredBy.startsWith(PROTECTING_POWER + ":"));
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
