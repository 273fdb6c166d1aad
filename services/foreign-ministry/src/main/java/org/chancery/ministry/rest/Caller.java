package org.chancery.ministry.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.chancery.ministry.entity.Circular;
import org.chancery.ministry.entity.ReceivedNotice;
import org.chancery.ministry.entity.SentNotice;
import org.chancery.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from their token: a ministry sends only as its own state and reads only the
 * notices its state sent, and those delivered to it as they were delivered; an auditor reads every
 * notice, but not a classified body, and sends none.
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

    /**
     * The sender's record of a notice (its plan, its attempts, its failures) is for the sending
     * ministry and auditors: the receiving ministry reads the notice as delivered to it
     * ({@link #receivedBy}), and a notice not yet delivered does not exist for it.
     */
    void mustRead(SentNotice notice) {
        if (token.getGroups().contains(AUDITOR)) {
            return;
        }
        String own = ownState();
        if (own.equals(notice.content.toState)) {
            throw new ProblemException(404, "No such notice", "no notice " + notice.id + " was delivered to the "
                    + "ministry of " + own);
        }
        if (!own.equals(notice.content.fromState)) {
            throw new ProblemException(403, "Not your notice",
                    "the ministry of " + own + " reads the notices its state sent or received");
        }
    }

    /** Whether the caller's state sent this circular note. */
    boolean readsAsSender(Circular circular) {
        return ministryState().filter(circular.fromState::equals).isPresent();
    }

    /** Whether the caller reads the sender's record of this notice: its sending ministry, or an auditor. */
    boolean readsAsSender(SentNotice notice) {
        return token.getGroups().contains(AUDITOR) || ministryState().filter(notice.content.fromState::equals).isPresent();
    }

    /** The notice as delivered to the caller's ministry, if it was. */
    Optional<ReceivedNotice> receivedBy(UUID id) {
        return ministryState().flatMap(own -> ReceivedNotice.<ReceivedNotice>findByIdOptional(id)
                .filter(received -> received.content.toState.equals(own)));
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

    /** The state the calling ministry acts for. */
    String ministryOf() {
        return ownState();
    }

    /** The caller's token as it came. */
    String rawToken() {
        return token.getRawToken();
    }

    boolean isAuditor() {
        return token.getGroups().contains(AUDITOR);
    }

    private String ownState() {
        return ministryState().orElseThrow(() -> new ProblemException(403, "Not a ministry",
                "only a ministry's token names the state it acts for"));
    }

    private Optional<String> ministryState() {
        Object state = token.getClaim("state");
        return state == null || !token.getGroups().contains(MINISTRY) ? Optional.empty() : Optional.of(state.toString());
    }
}
