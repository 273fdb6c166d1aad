package org.chancery.ministry.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chancery.events.Channel;
import org.chancery.events.Classification;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;
import org.chancery.events.Route;
import org.chancery.ministry.domain.NoticeStatus;

/** A sent notice as its sender follows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NoticeView(
        UUID id,
        String from,
        String to,
        NoticeKind kind,
        Precedence precedence,
        Classification classification,
        String subject,
        String body,
        Instant deliverBy,
        NoticeStatus status,
        List<StatusEntry> statusHistory,
        RouteView route,
        ReceiptView receipt) {

    public record StatusEntry(NoticeStatus status, Instant at) {
    }

    /** The routes planned, in order, and the one in use. */
    public record RouteView(List<Route> planned, Channel channel, int attempt) {
    }

    public record ReceiptView(UUID noticeId, String outcome, String by, Instant at, String reason) {
    }
}
