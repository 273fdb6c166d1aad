package org.chancery.audit.rest;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Inject;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.chancery.events.NoticeStatus;
import org.chancery.audit.entity.NoticePath;
import org.chancery.audit.service.PathFinder;
import org.chancery.events.Channel;
import org.chancery.events.HopChain;
import org.chancery.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The notices the audit has seen, newest first, by state, channel, status and time. */
@Path("/notices")
@RolesAllowed("auditor")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeQueryResource {

    /** A notice as listed, with the verdict on its path. */
    public record NoticeSummary(UUID noticeId, String from, String to, String kind, String precedence,
            String subject, NoticeStatus status, String channel, int attempts, int hops, Instant firstAt,
            Instant lastAt, Double latencyMs, boolean verified, UUID circularId, String reference) {
    }

    public record NoticePage(List<NoticeSummary> items, int page, int size, long total) {
    }

    @Inject
    PathFinder paths;

    private static final Pattern STATE = Pattern.compile("[A-Z]{3}");
    /** The times a query may name: those the database can hold, and more than any notice needs. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    @GET
    @Operation(summary = "Find notices",
            description = "Newest first, a page at a time. Each one comes with its status, the channel it took, its "
                    + "latency from dispatch to receipt and the verdict on its path.")
    public NoticePage find(
            @Parameter(description = "A state, ISO alpha-3", example = "USA") @QueryParam("state") String state,
            @Parameter(description = "sent, received, or either (default)") @QueryParam("role") String role,
            @Parameter(description = "EMBASSY, HOTLINE, PROTECTING_POWER or MEDIATOR") @QueryParam("channel") String channel,
            @Parameter(description = "IN_TRANSIT, DELIVERED, OVERDUE, ACKNOWLEDGED, REJECTED or FAILED")
            @QueryParam("status") String status,
            @Parameter(description = "First hop at or after, e.g. 2026-11-27T00:00:00Z") @QueryParam("since") String since,
            @Parameter(description = "First hop before") @QueryParam("until") String until,
            @Parameter(description = "Page, from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Notices a page, 1 to 100; 20 by default") @QueryParam("size") Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        if (p < 0 || s < 1 || s > 100 || (long) p * s > Integer.MAX_VALUE) {
            throw new ProblemException(400, "Invalid request", "page must be 0 or more and size 1 to 100, "
                    + "and the page begin within the first " + Integer.MAX_VALUE + " notices");
        }
        if (state != null && !state.isBlank() && !STATE.matcher(state).matches()) {
            throw new ProblemException(400, "Invalid request", "state: must be an ISO 3166-1 alpha-3 code such as USA");
        }
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (state != null && !state.isBlank()) {
            String r = role == null ? "either" : role;
            switch (r) {
                case "sent" -> where.add("fromState = :state");
                case "received" -> where.add("toState = :state");
                case "either" -> where.add("(fromState = :state or toState = :state)");
                default -> throw new ProblemException(400, "Invalid request",
                        "role: '" + role + "' is not one of sent, received, either");
            }
            params.and("state", state);
        }
        if (channel != null && !channel.isBlank()) {
            where.add("channel = :channel");
            params.and("channel", parse(Channel.class, "channel", channel).name());
        }
        if (status != null && !status.isBlank()) {
            where.add("status = :status");
            params.and("status", parse(NoticeStatus.class, "status", status));
        }
        if (since != null && !since.isBlank()) {
            where.add("firstAt >= :since");
            params.and("since", time("since", since));
        }
        if (until != null && !until.isBlank()) {
            where.add("firstAt < :until");
            params.and("until", time("until", until));
        }
        PanacheQuery<NoticePath> query = NoticePath.find(String.join(" and ", where.isEmpty() ? List.of("1 = 1") : where),
                Sort.descending("firstAt"), params).page(Page.of(p, s));
        List<NoticeSummary> items = query.list().stream().map(this::summary).toList();
        return new NoticePage(items, p, s, query.count());
    }

    NoticeSummary summary(NoticePath n) {
        boolean verified = paths.verify(n.noticeId).map(HopChain.Verdict::verified).orElse(false);
        return new NoticeSummary(n.noticeId, n.fromState, n.toState, n.kind, n.precedence, n.subject, n.status,
                n.channel, n.attempts, n.hops, n.firstAt, n.lastAt, n.latencyMs, verified, n.circularId, n.reference);
    }

    static Instant time(String name, String value) {
        Instant time;
        try {
            time = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "Invalid request",
                    name + ": '" + value + "' is not a UTC time such as 2026-11-27T00:00:00Z");
        }
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new ProblemException(400, "Invalid request", name + ": '" + value + "' is not between "
                    + EARLIEST + " and " + LATEST);
        }
        return time;
    }

    static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "Invalid request", name + ": '" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }
}
