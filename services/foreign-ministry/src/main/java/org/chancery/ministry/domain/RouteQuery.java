package org.chancery.ministry.domain;

import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;

/**
 * What a plan is asked for: between whom, what kind of notice and how urgent; and, if given, the
 * regime it is given under, the state where the notified activity takes place (to choose among
 * deconfliction lines), and whether a mediator may carry it.
 */
public record RouteQuery(String from, String to, NoticeKind kind, Precedence precedence, Regimes.Regime regime,
        String theatre, boolean allowMediator) {

    public static RouteQuery of(String from, String to, NoticeKind kind, Precedence precedence) {
        return new RouteQuery(from, to, kind, precedence, null, null, false);
    }

    public RouteQuery under(Regimes.Regime r) {
        return new RouteQuery(from, to, kind, precedence, r, theatre, allowMediator);
    }

    public RouteQuery in(String state) {
        return new RouteQuery(from, to, kind, precedence, regime, state, allowMediator);
    }

    public RouteQuery allowingMediator(boolean allowed) {
        return new RouteQuery(from, to, kind, precedence, regime, theatre, allowed);
    }

    /** The same question for another receiving state: a circular note's copy. */
    public RouteQuery to(String recipient) {
        return new RouteQuery(from, recipient, kind, precedence, regime, theatre, allowMediator);
    }
}
