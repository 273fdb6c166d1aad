package org.chancery.ministry.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.chancery.events.Classification;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;

/**
 * A circular note: one notice a ministry sent to several states. Each recipient's copy is a sent
 * notice of its own ({@link SentNotice#circularId}), routed, tracked and audited on its own; the
 * circular's standing is read from theirs.
 */
@Entity
@Table(name = "circular")
public class Circular extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "from_state")
    public String fromState;

    /** The recipients in the order the sender gave them, space-separated. */
    public String recipients;

    @Enumerated(EnumType.STRING)
    public NoticeKind kind;

    @Enumerated(EnumType.STRING)
    public Precedence precedence;

    @Enumerated(EnumType.STRING)
    public Classification classification;

    public String subject;

    public String regime;

    /** The note's number, which each copy carries (e.g. {@code USA 2026/00142}). */
    public String reference;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    public List<String> recipientList() {
        return Arrays.asList(recipients.split(" "));
    }

    /** Each recipient's copy, in no particular order. */
    public List<SentNotice> copies() {
        return SentNotice.list("circularId", id);
    }
}
