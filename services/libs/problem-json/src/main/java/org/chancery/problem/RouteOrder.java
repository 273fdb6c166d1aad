package org.chancery.problem;

/**
 * The order of the routes the services put in front of their REST layer: a body too large is
 * refused before anything is read; a service's door comes before the bound, so that the bound knows
 * what the door marked urgent.
 */
public final class RouteOrder {

    /** A body declared over the limit: 413, before anything is read. */
    public static final int BODY_LIMIT = -6;
    /** A service's own door, which may read the body, answer at once, or mark the request urgent. */
    public static final int DOOR = -5;
    /** The bound on the requests worked on at once. */
    public static final int IN_FLIGHT = -4;

    private RouteOrder() {
    }
}
