package org.chancery.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * The content of a notice as the sending ministry issued it. It travels with the hops that carry
 * the notice itself, its body sealed for the receiving ministry ({@code bag-v1:...}, ADR 0017); the
 * hash chain covers {@code bodyDigest}, the SHA-256 of the body as it travels, not {@code body},
 * so a path can be verified by someone who may not read the body. {@code regime} names the notification regime
 * a notice is given under, {@code eventAt} when the event it notifies happens, {@code late} whether it
 * was given with less time before the event than the regime asks; {@code circular} the circular note
 * it is one recipient's copy of. The hash chain covers all four, and the sealed body is bound to them.
 * {@code reference} is the note's number as its sending ministry gave it ({@code USA 2026/00142}),
 * {@code inReplyTo} the notice it answers, {@code references} earlier notes it cites in words (paper
 * notes): they travel outside the bag, so that every party on the path sees what the note answers,
 * and the hash chain covers them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notice(
        String from,
        String to,
        NoticeKind kind,
        Precedence precedence,
        Classification classification,
        String subject,
        String body,
        String bodyDigest,
        Instant deliverBy,
        String regime,
        Instant eventAt,
        UUID circular,
        LateNotice late,
        String reference,
        UUID inReplyTo,
        String references) {

    /** A notice whose {@code bodyDigest} is computed from its body. */
    public static Notice of(String from, String to, NoticeKind kind, Precedence precedence,
            Classification classification, String subject, String body, Instant deliverBy) {
        return new Notice(from, to, kind, precedence, classification, subject, body,
                Digests.sha256Hex(body), deliverBy, null, null, null, null, null, null, null);
    }

    /** The same notice without its body, as kept by parties that may only see the digest. */
    public Notice withoutBody() {
        return new Notice(from, to, kind, precedence, classification, subject, null, bodyDigest, deliverBy, regime,
                eventAt, circular, late, reference, inReplyTo, references);
    }

    /** The same notice given under a notification regime, about an event at {@code eventAt}. */
    public Notice under(String regimeId, Instant event) {
        return new Notice(from, to, kind, precedence, classification, subject, body, bodyDigest, deliverBy, regimeId,
                event, circular, late, reference, inReplyTo, references);
    }

    /** The same notice as one recipient's copy of the circular note {@code circularId}. */
    public Notice in(UUID circularId) {
        return new Notice(from, to, kind, precedence, classification, subject, body, bodyDigest, deliverBy, regime,
                eventAt, circularId, late, reference, inReplyTo, references);
    }

    /** The same notice carrying its body in another form (sealed), with that form's digest. */
    public Notice carrying(String travellingBody, String travellingDigest) {
        return new Notice(from, to, kind, precedence, classification, subject, travellingBody, travellingDigest,
                deliverBy, regime, eventAt, circular, late, reference, inReplyTo, references);
    }

    /** The same notice marked as given late under its regime. */
    public Notice givenLate(LateNotice record) {
        return new Notice(from, to, kind, precedence, classification, subject, body, bodyDigest, deliverBy, regime,
                eventAt, circular, record, reference, inReplyTo, references);
    }

    /** The same notice addressed to another state: a circular note's copy for that recipient. */
    public Notice addressedTo(String recipient) {
        return new Notice(from, recipient, kind, precedence, classification, subject, body, bodyDigest, deliverBy,
                regime, eventAt, circular, late, reference, inReplyTo, references);
    }

    /** The same notice numbered by its sending ministry. */
    public Notice numbered(String number) {
        return new Notice(from, to, kind, precedence, classification, subject, body, bodyDigest, deliverBy, regime,
                eventAt, circular, late, number, inReplyTo, references);
    }

    /** The same notice citing the notice it answers, and earlier notes in words; either may be null. */
    public Notice citing(UUID answered, String cited) {
        return new Notice(from, to, kind, precedence, classification, subject, body, bodyDigest, deliverBy, regime,
                eventAt, circular, late, reference, answered, cited);
    }
}
