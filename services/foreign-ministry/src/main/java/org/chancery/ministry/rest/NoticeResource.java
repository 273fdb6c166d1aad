package org.chancery.ministry.rest;

import io.opentelemetry.api.trace.Span;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.chancery.events.Lane;
import org.chancery.events.Notice;
import org.chancery.events.NoticeStatus;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.Route;
import org.chancery.ministry.domain.Plan;
import org.chancery.ministry.domain.RouteQuery;
import org.chancery.ministry.domain.Regimes;
import org.chancery.ministry.domain.Regimes.Regime;
import org.chancery.ministry.domain.States;
import org.chancery.ministry.domain.CircularStanding;
import org.chancery.ministry.entity.Attempt;
import org.chancery.ministry.entity.Circular;
import org.chancery.ministry.service.Planning;
import org.chancery.ministry.entity.NoticeContent;
import org.chancery.ministry.entity.ReceivedNotice;
import org.chancery.ministry.entity.SentNotice;
import org.chancery.ministry.entity.StatusChange;
import org.chancery.ministry.service.Admission;
import org.chancery.ministry.service.Backlog;
import org.chancery.ministry.service.Intake;
import org.chancery.ministry.service.StoredPlans;
import org.chancery.messaging.HopTelemetry;
import org.chancery.problem.Problem;
import org.chancery.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Submit a notice, follow it, read its receipt. */
@Path("/notices")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeResource {

    /** Deadlines further out than this are refused as absurd. */
    static final Duration LONGEST_DEADLINE = Duration.ofDays(366);

    @Inject
    Intake intake;

    @Inject
    StoredPlans plans;

    @Inject
    States states;

    @Inject
    Planning planning;

    @Inject
    Regimes regimes;

    @Inject
    Caller caller;

    @Inject
    Admission admission;

    @Inject
    Backlog backlog;


    @POST
    @RolesAllowed(Caller.MINISTRY)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a notice",
            description = "Plans the route and hands the notice to its first channel. Answers 202 once the "
                    + "broker has the first hop; follow the notice at the Location.")
    @APIResponse(responseCode = "202", description = "Accepted; the body is the notice as followed (a circular "
            + "note: the circular and its copies)",
            content = @Content(schema = @Schema(oneOf = {NoticeView.class, CircularView.class})))
    @APIResponse(responseCode = "400", description = "Malformed or invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Well-formed, but no notice can be sent like this",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Nothing was sent: the sending state already holds its share of "
            + "the notice's lane (so that other states' notices keep their room); try again after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = RefusalProblem.Body.class)))
    @APIResponse(responseCode = "503", description = "Nothing was sent: the notice's lane cannot carry it in time "
            + "(its estimate in the body), or the broker cannot take it now; try again after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(oneOf = {RefusalProblem.Body.class, Problem.class})))
    @Blocking
    public CompletionStage<Response> submit(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NoticeRequest.class), examples = {
                    @ExampleObject(name = "note verbale", summary = "A routine note from Washington to Berlin",
                            externalValue = ExampleFiles.FOLDER + "notice-note-verbale.json"),
                    @ExampleObject(name = "flash to Moscow", summary = "A FLASH deconfliction notice, by hotline",
                            externalValue = ExampleFiles.FOLDER + "notice-flash.json"),
                    @ExampleObject(name = "through a protecting power", summary = "To Tehran, through Switzerland",
                            externalValue = ExampleFiles.FOLDER + "notice-protecting-power.json"),
                    @ExampleObject(name = "circular note", summary = "To six states at once: a copy to each",
                            externalValue = ExampleFiles.FOLDER + "notice-circular.json")}))
            @Valid @NotNull NoticeRequest request, UriInfo uri) {
        caller.mustSendAs(request.from());
        List<String> recipients = recipients(request);
        if (recipients.size() > 1 || request.toRegimeParties()) {
            return circulate(request, recipients, uri);
        }
        Notice notice = check(request, recipients.get(0));
        Backlog.TakingIn admitted = admission.admit(notice.from(), notice.precedence(), notice.deliverBy(), 1);
        Answers answers = new Answers(uri);
        return whileTakingIn(admitted, () -> intake.submit(notice, planFor(notice, query(request, notice)).routes()))
                .thenApply(submission -> {
                    if (!(submission instanceof Intake.Submission.Accepted accepted)) {
                        return answers.brokerUnavailable();
                    }
                    // Estimated from the lane's backlog as a whole: no query on the way in. Its sender may read its body.
                    return answers.accepted(accepted.notice().id, view(accepted.notice(), accepted.plan(),
                            accepted.history(), accepted.attempts(),
                            backlog.estimatedDelivery(Lane.of(notice.precedence())), true));
                });
    }

    /** A circular note: every copy checked and planned before any is sent, so that a refusal sends none. */
    private CompletionStage<Response> circulate(NoticeRequest request, List<String> recipients, UriInfo uri) {
        Notice notice = check(request, recipients.get(0));
        Backlog.TakingIn admitted = admission.admit(notice.from(), notice.precedence(), notice.deliverBy(),
                recipients.size());
        Answers answers = new Answers(uri);
        return whileTakingIn(admitted, () -> intake.circulate(notice, plans(request, notice, recipients)))
                .thenApply(circulation -> {
                    if (!(circulation instanceof Intake.Circulation.Accepted accepted)) {
                        return answers.brokerUnavailable();
                    }
                    return answers.accepted(accepted.circular().id, circularView(accepted.circular(), accepted.copies()
                            .stream().map(Intake.Submission.Accepted::notice).toList()));
                });
    }

    /** Notices being taken in count in their lane's backlog until the broker has them, or they fail. */
    private static <T> CompletionStage<T> whileTakingIn(Backlog.TakingIn admitted, Supplier<CompletableFuture<T>> takeIn) {
        CompletableFuture<T> taken;
        try {
            taken = takeIn.get();
        } catch (RuntimeException e) {
            admitted.close();
            throw e;
        }
        return taken.whenComplete((result, failure) -> admitted.close());
    }

    /** A plan for each copy of a circular note; if any copy cannot be carried, a refusal that names every such recipient. */
    private Map<String, List<Route>> plans(NoticeRequest request, Notice notice, List<String> recipients) {
        Map<String, List<Route>> plans = new LinkedHashMap<>();
        List<String> unreachable = new ArrayList<>();
        for (String recipient : recipients) {
            Plan plan = plan(planning, query(request, notice.addressedTo(recipient)));
            if (plan.deliverable()) {
                plans.put(recipient, plan.routes());
            } else {
                unreachable.add(recipient + " (" + String.join("; ", plan.unavailable()) + ")");
            }
        }
        if (!unreachable.isEmpty()) {
            throw new ProblemException(422, "No official channel", "no official channel can carry a " + notice.kind()
                    + " from " + notice.from() + " to " + String.join(", ", unreachable) + "; nothing was sent");
        }
        return plans;
    }

    /**
     * The states a notice goes to: those named, or the regime's parties but the sender; each a state
     * Chancery knows, none twice, not the sender, at most {@link NoticeRequest#MOST_RECIPIENTS}.
     */
    private List<String> recipients(NoticeRequest request) {
        StateResource.require(states, request.from());
        if (request.theatre() != null) {
            StateResource.require(states, request.theatre());
        }
        List<String> named;
        if (request.toRegimeParties()) {
            if (request.to() != null) {
                throw new ProblemException(422, "Recipients twice", "give either to or toParties, not both");
            }
            if (request.regime() == null) {
                throw new ProblemException(422, "No regime", "toParties sends to the parties of a regime; name it");
            }
            Regime regime = RegimeResource.known(regimes, request.regime());
            if (regime.parties() == null) {
                throw new ProblemException(422, "Parties not known", "the parties to " + regime.id() + " ("
                        + regime.partiesAsRecorded() + ") are not listed in Chancery's sources; name the recipients");
            }
            named = regime.parties().stream().filter(p -> !p.equals(request.from())).toList();
        } else if (request.to() == null) {
            throw new ProblemException(422, "No recipient", "to: name the receiving state, or several");
        } else {
            named = request.to();
        }
        if (named.size() > NoticeRequest.MOST_RECIPIENTS) {
            throw new ProblemException(422, "Too many recipients", named.size() + " recipients; a circular note goes "
                    + "to at most " + NoticeRequest.MOST_RECIPIENTS);
        }
        Set<String> seen = new HashSet<>();
        for (String state : named) {
            StateResource.require(states, state);
            if (state.equals(request.from())) {
                throw new ProblemException(422, "Notice to itself", request.from() + " cannot give notice to itself");
            }
            if (!seen.add(state)) {
                throw new ProblemException(422, "Recipient twice", state + " is named more than once in to");
            }
        }
        return named;
    }

    private Regime regime(NoticeRequest request, String to) {
        return request.regime() == null ? null
                : RegimeResource.require(regimes, request.regime(), request.from(), to, request.eventAt());
    }

    /** What the plan of this notice, as requested, is asked for; its regime's rules checked for its receiver. */
    private RouteQuery query(NoticeRequest request, Notice notice) {
        return RouteQuery.of(notice.from(), notice.to(), notice.kind(), notice.precedence())
                .under(regime(request, notice.to())).in(request.theatre()).allowingMediator(request.mediatorAllowed());
    }

    private Plan planFor(Notice notice, RouteQuery query) {
        Plan plan = plan(planning, query);
        if (!plan.deliverable()) {
            throw new ProblemException(422, "No official channel", "no official channel can carry a " + notice.kind()
                    + " from " + notice.from() + " to " + notice.to() + ": " + String.join("; ", plan.unavailable()));
        }
        return plan;
    }

    @ServerExceptionMapper
    public Response refused(Admission.Refused e, UriInfo uri) {
        return RefusalProblem.response(e.refusal(), uri.getPath());
    }

    /**
     * The answers to a submission, made once the broker has its first hops, on whichever thread that
     * is: what they need of the request is taken from it before.
     */
    private static final class Answers {
        private final String path;
        private final UriBuilder notices;
        private final Span span = Span.current();

        Answers(UriInfo uri) {
            path = uri.getPath();
            notices = uri.getBaseUriBuilder().path("notices");
        }

        Response accepted(UUID id, Object view) {
            span.setAttribute(HopTelemetry.NOTICE_ID, id.toString());
            return Response.accepted(view).location(notices.clone().path(id.toString()).build()).build();
        }

        Response brokerUnavailable() {
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                    .entity(Problem.of(503, "Broker unavailable",
                            "the notice could not be handed to the broker and was not sent; try again later").at(path))
                    .build();
        }
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Follow a notice", description = "Its status, every status it went through, its route "
            + "and, once back, its receipt. For a circular note: where it stands, how many copies are pending, "
            + "acknowledged, returned or failed, and each recipient's copy (a notice of its own).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(oneOf = {NoticeView.class, CircularView.class})))
    @APIResponse(responseCode = "404", description = "No such notice",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Caller.MINISTRY, Caller.AUDITOR})
    public Object get(@PathParam("id") String id) {
        UUID uuid = noticeId(id);
        SentNotice notice = SentNotice.findById(uuid);
        if (notice != null && caller.readsAsSender(notice)) {
            return view(notice);
        }
        Optional<ReceivedNotice> received = caller.receivedBy(uuid);
        if (received.isPresent()) {
            return receivedView(received.get());
        }
        if (notice != null) {
            caller.mustRead(notice);
        }
        Circular circular = Circular.findById(uuid);
        if (circular == null) {
            throw new ProblemException(404, "No such notice", "there is no notice " + id);
        }
        caller.mustRead(circular);
        return circularView(circular, circular.copies());
    }

    @GET
    @Path("/{id}/receipt")
    @Operation(summary = "Read a notice's receipt", description = "404 until the receipt is back.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = NoticeView.ReceiptView.class)))
    @APIResponse(responseCode = "404", description = "No such notice, or no receipt yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Caller.MINISTRY, Caller.AUDITOR})
    public NoticeView.ReceiptView receipt(@PathParam("id") String id) {
        Optional<ReceivedNotice> received = caller.receivedBy(noticeId(id));
        if (received.isPresent()) {
            ReceivedNotice r = received.get();
            return new NoticeView.ReceiptView(r.id, r.receiptOutcome, r.content.toState, r.receiptAt, r.receiptReason);
        }
        SentNotice notice = find(id);
        caller.mustRead(notice);
        if (notice.receiptOutcome == null) {
            throw new ProblemException(404, "No receipt yet",
                    "notice " + id + " has no receipt yet; it is " + notice.status);
        }
        return receiptOf(notice);
    }

    /** Plans a route, once the channels' registries have been read. */
    static Plan plan(Planning planning, RouteQuery query) {
        if (!planning.ready()) {
            throw new ProblemException(503, "Not ready", "the ministry is still reading what the channels offer");
        }
        return planning.plan(query);
    }

    private Notice check(NoticeRequest request, String to) {
        if (request.deliverBy() != null) {
            Instant now = Instant.now();
            if (!request.deliverBy().isAfter(now)) {
                throw new ProblemException(422, "Deadline passed", "deliverBy " + request.deliverBy() + " is not in the future");
            }
            if (request.deliverBy().isAfter(now.plus(LONGEST_DEADLINE))) {
                throw new ProblemException(422, "Deadline too far",
                        "deliverBy " + request.deliverBy() + " is more than a year ahead");
            }
        }
        // To the microsecond, as the database keeps times: every later attempt carries the notice as
        // stored, and its bag is bound to these times.
        Notice notice = Notice.of(request.from(), to, request.kind(), request.precedenceOrDefault(),
                request.classificationOrDefault(), request.subject(), request.body(), micros(request.deliverBy()))
                .under(request.regime(), micros(request.eventAt()));
        // Late under its regime: sent all the same, and marked so.
        return regimes.find(request.regime()).flatMap(r -> Regimes.lateness(r, notice.eventAt(), Instant.now()))
                .map(notice::givenLate).orElse(notice);
    }

    private static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    private static SentNotice find(String id) {
        SentNotice notice = SentNotice.findById(noticeId(id));
        if (notice == null) {
            throw new ProblemException(404, "No such notice", "there is no notice " + id
                    + (Circular.findById(noticeId(id)) == null ? "" : " with a receipt of its own: it is a circular "
                            + "note, whose copies each have one (GET /notices/" + id + " lists them)"));
        }
        return notice;
    }

    private static UUID noticeId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(404, "No such notice", id + " is not a notice id");
        }
    }

    private static CircularView circularView(Circular c, List<SentNotice> sent) {
        Map<String, SentNotice> byRecipient = new HashMap<>();
        sent.forEach(n -> byRecipient.put(n.content.toState, n));
        List<CircularView.Copy> copies = c.recipientList().stream().map(to -> {
            SentNotice n = byRecipient.get(to);
            return n == null ? new CircularView.Copy(to, null, null, null, "not sent: the broker did not take it")
                    : new CircularView.Copy(to, n.id, n.status, n.receiptAt,
                            n.receiptReason != null ? n.receiptReason : n.failureReason);
        }).toList();
        CircularStanding standing = CircularStanding.of(copies.size(),
                sent.stream().map(n -> n.status).toList());
        return new CircularView(c.id, c.fromState, c.recipientList(), c.kind, c.precedence, c.classification,
                c.subject, c.regime, c.acceptedAt, standing.status(), CircularView.Counts.of(standing), copies);
    }

    private NoticeView view(SentNotice n) {
        boolean underWay = n.status == NoticeStatus.ACCEPTED || n.status == NoticeStatus.IN_TRANSIT;
        return view(n, plans.read(n), n.history(), Attempt.of(n.id),
                underWay ? backlog.estimatedDelivery(n.content.precedence, n.acceptedAt) : null, caller.mayReadBody(n));
    }

    private static NoticeView view(SentNotice n, List<Route> plan, List<StatusChange> statuses, List<Attempt> tried, Instant estimated,
            boolean bodyShown) {
        List<NoticeView.StatusEntry> history = statuses.stream()
                .map(c -> new NoticeView.StatusEntry(c.status, c.at, c.detail))
                .toList();
        List<NoticeView.AttemptView> attempts = tried.stream()
                .map(a -> new NoticeView.AttemptView(a.number, a.channel, a.via, a.dispatchedAt, a.state, a.reason))
                .toList();
        NoticeContent c = n.content;
        return new NoticeView(n.id, c.fromState, c.toState, c.kind, c.precedence, c.classification, c.subject,
                bodyShown ? c.body : null, c.bodyDigest, n.deliverBy, n.regime, n.eventAt, n.late(), n.status,
                estimated, n.failureReason, history,
                new NoticeView.RouteView(plan, attempts.get(attempts.size() - 1).channel(), attempts),
                n.receiptOutcome == null ? null : receiptOf(n));
    }

    /**
     * A notice as delivered to its receiving ministry: what it says, who handed it over and when,
     * and the answer the ministry gave; never the sender's plan, attempts or failures.
     */
    private static NoticeView receivedView(ReceivedNotice r) {
        NoticeContent c = r.content;
        NoticeStatus answered = r.receiptOutcome == ReceiptOutcome.REJECTED ? NoticeStatus.REJECTED
                : NoticeStatus.ACKNOWLEDGED;
        List<NoticeView.StatusEntry> history = List.of(
                new NoticeView.StatusEntry(NoticeStatus.DELIVERED, r.deliveredAt, "by " + r.channel + " (" + r.deliveredBy + ")"),
                new NoticeView.StatusEntry(answered, r.receiptAt, r.receiptReason));
        return new NoticeView(r.id, c.fromState, c.toState, c.kind, c.precedence, c.classification, c.subject, c.body,
                c.bodyDigest, null, null, null, null, answered, null, null, history, null,
                new NoticeView.ReceiptView(r.id, r.receiptOutcome, c.toState, r.receiptAt, r.receiptReason));
    }

    private static NoticeView.ReceiptView receiptOf(SentNotice n) {
        return new NoticeView.ReceiptView(n.id, n.receiptOutcome, n.content.toState, n.receiptAt, n.receiptReason);
    }

}
