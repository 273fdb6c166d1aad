package org.chancery.events;

/**
 * Names of the parties a notice passes through, as they appear in {@code from} and {@code to} of
 * a hop: {@code ministry:USA}, {@code embassy:USA@DEU} (the US embassy in Germany).
 */
public final class Party {

    private Party() {
    }

    /** The foreign ministry of a state. */
    public static String ministry(String state) {
        return "ministry:" + state;
    }

    /** The resident embassy of {@code sending} in {@code host}. */
    public static String embassy(String sending, String host) {
        return "embassy:" + sending + "@" + host;
    }
}
