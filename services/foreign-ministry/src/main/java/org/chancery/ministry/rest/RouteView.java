package org.chancery.ministry.rest;

import java.util.List;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;
import org.chancery.events.Route;

/** The routes a notice would take, in order, and why other channels are not among them. */
public record RouteView(String from, String to, NoticeKind kind, Precedence precedence, boolean deliverable,
        List<Route> routes, List<String> unavailable) {
}
