package org.chancery.ministry.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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

    public String body;

    @Column(name = "body_digest")
    public String bodyDigest;

    public static NoticeContent of(Notice notice) {
        NoticeContent content = new NoticeContent();
        content.fromState = notice.from();
        content.toState = notice.to();
        content.kind = notice.kind();
        content.precedence = notice.precedence();
        content.classification = notice.classification();
        content.subject = notice.subject();
        content.body = notice.body();
        content.bodyDigest = notice.bodyDigest();
        return content;
    }
}
