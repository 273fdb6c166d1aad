package org.chancery.ministry.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.UUID;
import org.chancery.events.Classification;
import org.chancery.events.Notice;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;

/** What a notice says and between whom, as both the sent and the received side keep it. */
@Embeddable
public class NoticeContent {

    @Column(name = "from_state")
    public String fromState;

    @Column(name = "to_state")
    public String toState;

    @Enumerated(EnumType.STRING)
    public NoticeKind kind;

    @Enumerated(EnumType.STRING)
    public Precedence precedence;

    @Enumerated(EnumType.STRING)
    public Classification classification;

    public String subject;

    /** The body as written, for the two ministries (and an auditor, unless it is classified). */
    public String body;

    /** The digest of the body as it travels: sealed, or as written for a notice from before sealing. */
    @Column(name = "body_digest")
    public String bodyDigest;

    /** The note's number as its sending ministry gave it, e.g. {@code USA 2026/00142}; null before numbering. */
    public String reference;

    /** The notice this one answers, if any. */
    @Column(name = "in_reply_to")
    public UUID inReplyTo;

    /** Earlier notes it cites in words (paper notes), if any. */
    public String cited;

    /** What a notice says, with {@code body} as written (the notice may carry it sealed). */
    public static NoticeContent of(Notice notice, String body) {
        NoticeContent content = new NoticeContent();
        content.fromState = notice.from();
        content.toState = notice.to();
        content.kind = notice.kind();
        content.precedence = notice.precedence();
        content.classification = notice.classification();
        content.subject = notice.subject();
        content.body = body;
        content.bodyDigest = notice.bodyDigest();
        content.reference = notice.reference();
        content.inReplyTo = notice.inReplyTo();
        content.cited = notice.references();
        return content;
    }
}
