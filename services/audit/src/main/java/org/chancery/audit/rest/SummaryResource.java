package org.chancery.audit.rest;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Counts and latencies per channel. */
@Path("/summary")
@RolesAllowed("auditor")
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {

    /** One channel's notices by status, and their latency from dispatch to receipt, in ms. */
    public record ChannelSummary(String channel, long notices, long inTransit, long overdue, long acknowledged,
            long rejected, long failed, Double latencyP50, Double latencyP90, Double latencyP99, Double latencyMax) {
    }

    /** How long each kind of hop takes after the hop it follows, in ms. */
    public record HopSummary(String type, long hops, Double meanMs, Double p99Ms) {
    }

    public record Summary(Instant since, Instant until, List<ChannelSummary> channels, List<HopSummary> hops) {
    }

    @Inject
    EntityManager em;

    @GET
    @Operation(summary = "Counts and latencies per channel",
            description = "For the notices whose first hop falls in [since, until): how many per channel and status, "
                    + "and the latency from dispatch to receipt (p50, p90, p99, max); and the time each kind of hop "
                    + "takes after the one it follows.")
    public Summary summary(@QueryParam("since") String since, @QueryParam("until") String until) {
        Instant from = since == null || since.isBlank() ? Instant.EPOCH : NoticeQueryResource.time("since", since);
        Instant to = until == null || until.isBlank() ? Instant.parse("9999-12-31T00:00:00Z")
                : NoticeQueryResource.time("until", until);
        @SuppressWarnings("unchecked")
        List<Object[]> channels = em.createNativeQuery("""
                select coalesce(channel, 'UNKNOWN'), count(*),
                       count(*) filter (where status in ('IN_TRANSIT', 'DELIVERED')),
                       count(*) filter (where status = 'OVERDUE'),
                       count(*) filter (where status = 'ACKNOWLEDGED'),
                       count(*) filter (where status = 'REJECTED'),
                       count(*) filter (where status = 'FAILED'),
                       percentile_cont(0.5) within group (order by latency_ms),
                       percentile_cont(0.9) within group (order by latency_ms),
                       percentile_cont(0.99) within group (order by latency_ms),
                       max(latency_ms)
                from notice_path where first_at >= ?1 and first_at < ?2
                group by 1 order by 1""").setParameter(1, from).setParameter(2, to).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> hops = em.createNativeQuery("""
                select h.type, count(*), avg(extract(epoch from h.at - p.at) * 1000),
                       percentile_cont(0.99) within group (order by extract(epoch from h.at - p.at) * 1000)
                from hop h join hop p on p.event_id = h.parent_id
                where h.at >= ?1 and h.at < ?2
                group by h.type order by h.type""").setParameter(1, from).setParameter(2, to).getResultList();
        return new Summary(from, to,
                channels.stream().map(r -> new ChannelSummary((String) r[0], n(r[1]), n(r[2]), n(r[3]), n(r[4]),
                        n(r[5]), n(r[6]), d(r[7]), d(r[8]), d(r[9]), d(r[10]))).toList(),
                hops.stream().map(r -> new HopSummary((String) r[0], n(r[1]), d(r[2]), d(r[3]))).toList());
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }

    private static Double d(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
