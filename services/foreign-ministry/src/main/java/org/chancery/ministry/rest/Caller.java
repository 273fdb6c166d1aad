package org.chancery.ministry.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.chancery.ministry.entity.Circular;
import org.chancery.ministry.entity.SentNotice;
import org.chancery.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from their token: a ministry sends only as its own state and reads only the
 * notices its state sent or received; an auditor reads every notice, but not a classified body,
 * and sends none.
 */
@RequestScoped
public class Caller {

    public static final String MINISTRY = "ministry";
    public static final String AUDITOR = "auditor";

    @Inject
    JsonWebToken token;

    void mustSendAs(String state) {
        String own = ownState();
        if (!state.equals(own)) {
            throw new ProblemException(403, "Not your state",
                    "the ministry of " + own + " sends notices as " + own + ", not as " + state);
        }
    }

    void mustRead(SentNotice notice) {
        if (token.getGroups().contains(AUDITOR)) {
            return;
        }
        String own = ownState();
        if (!own.equals(notice.content.fromState) && !own.equals(notice.content.toState)) {
            throw new ProblemException(403, "Not your notice",
                    "the ministry of " + own + " reads the notices its state sent or received");
        }
    }

    /**
     * A classified body ({@link org.chancery.events.Classification#protectsBody()}) is for the two
     * ministries only: an auditor reads its digest, not its text.
     */
    boolean mayReadBody(SentNotice notice) {
        return !token.getGroups().contains(AUDITOR) || notice.content.classification == null
                || !notice.content.classification.protectsBody();
    }

    /** A circular note is its sender's: each recipient reads its own copy. */
    void mustRead(Circular circular) {
        if (token.getGroups().contains(AUDITOR)) {
            return;
        }
        String own = ownState();
        if (!own.equals(circular.fromState)) {
            throw new ProblemException(403, "Not your notice", "the ministry of " + own + " reads the circular notes "
                    + "its state sent, and its own copy of those it received");
        }
    }

    private String ownState() {
        Object state = token.getClaim("state");
        if (state == null || !token.getGroups().contains(MINISTRY)) {
            throw new ProblemException(403, "Not a ministry", "only a ministry's token names the state it acts for");
        }
        return state.toString();
    }
}
