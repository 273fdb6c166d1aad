package org.chancery.ministry.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opentelemetry.api.trace.Span;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.chancery.events.Lane;
import org.chancery.events.Notice;
import org.chancery.events.NoticeStatus;
import org.chancery.messaging.HopTelemetry;
import org.chancery.ministry.domain.Regimes;
import org.chancery.ministry.domain.States;
import org.chancery.ministry.entity.Attempt;
import org.chancery.ministry.entity.Circular;
import org.chancery.ministry.entity.ReceivedNotice;
import org.chancery.ministry.entity.SentNotice;
import org.chancery.ministry.service.Admission;
import org.chancery.ministry.service.Backlog;
import org.chancery.ministry.service.Intake;
import org.chancery.ministry.service.Planning;
import org.chancery.ministry.service.StoredPlans;
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

    @Inject
    DeskFeed feed;

    @Inject
    VerifiedTokens tokens;

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
            + "(its estimate in the body; when it could not be whatever its deadline, before the token is read), "
            + "the broker cannot take it now, or the ministry is working on as many requests as it may at once "
            + "(chancery.http.max-in-flight, with places kept for FLASH and IMMEDIATE); try again after Retry-After",
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
        List<String> recipients = request.recipients(states, regimes);
        Citations.check(caller, request.inReplyTo(), request.from(), recipients);
        if (recipients.size() > 1 || request.toRegimeParties()) {
            return circulate(request, recipients, uri);
        }
        Notice notice = request.notice(recipients.get(0), regimes);
        Backlog.TakingIn admitted = admission.admit(notice.from(), notice.precedence(), notice.deliverBy(), 1);
        Answers answers = new Answers(uri);
        return whileTakingIn(admitted, () -> intake.submit(notice,
                NoticeRouting.routes(planning, notice, request.query(notice, regimes))))
                .thenApply(submission -> {
                    if (!(submission instanceof Intake.Submission.Accepted accepted)) {
                        return answers.brokerUnavailable();
                    }
                    // Estimated from the lane's backlog as a whole: no query on the way in. Its sender may read its body.
                    return answers.accepted(accepted.notice().id, NoticeView.sent(accepted.notice(), accepted.plan(),
                            accepted.history(), accepted.attempts(),
                            backlog.estimatedDelivery(Lane.of(notice.precedence())), true));
                });
    }

    /** A circular note: every copy checked and planned before any is sent, so that a refusal sends none. */
    private CompletionStage<Response> circulate(NoticeRequest request, List<String> recipients, UriInfo uri) {
        Notice notice = request.notice(recipients.get(0), regimes);
        Backlog.TakingIn admitted = admission.admit(notice.from(), notice.precedence(), notice.deliverBy(),
                recipients.size());
        Answers answers = new Answers(uri);
        return whileTakingIn(admitted, () -> intake.circulate(notice,
                NoticeRouting.routes(planning, request, notice, recipients, regimes)))
                .thenApply(circulation -> {
                    if (!(circulation instanceof Intake.Circulation.Accepted accepted)) {
                        return answers.brokerUnavailable();
                    }
                    return answers.accepted(accepted.circular().id, CircularView.of(accepted.circular(), accepted.copies()
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
            return NoticeView.received(received.get());
        }
        if (notice != null) {
            caller.mustRead(notice);
        }
        Circular circular = Circular.findById(uuid);
        if (circular == null) {
            throw new ProblemException(404, "No such notice", "there is no notice " + id);
        }
        caller.mustRead(circular);
        return CircularView.of(circular, circular.copies());
    }

    @GET
    @RolesAllowed(Caller.MINISTRY)
    @Operation(summary = "A ministry's notes", description = "box=sent: the notes it sent, newest first (a circular "
            + "note once, with its copies); box=received: those delivered to it, newest first, with how many it has "
            + "not opened yet.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Box.class)))
    public Box box(@QueryParam("box") @DefaultValue("sent") String box,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        String own = caller.ministryOf();
        if (box.equals("received")) {
            List<Object> notes = ReceivedNotice.<ReceivedNotice>find("content.toState = ?1 order by deliveredAt desc",
                    own).page(0, size).list().stream().<Object>map(NoticeView::received).toList();
            return new Box(notes, ReceivedNotice.count("content.toState = ?1 and readAt is null", own));
        }
        if (!box.equals("sent")) {
            throw new ProblemException(400, "No such box", "box is sent or received, not " + box);
        }
        List<SentNotice> sent = SentNotice.<SentNotice>find("content.fromState = ?1 and circularId is null "
                + "order by acceptedAt desc", own).page(0, size).list();
        List<Circular> circulars = Circular.<Circular>find("fromState = ?1 order by acceptedAt desc", own)
                .page(0, size).list();
        // The newest of both, each a circular's or a single note's view, read only once it is among them.
        record Dated(Instant at, Supplier<Object> view) {
        }
        List<Dated> dated = new ArrayList<>();
        sent.forEach(n -> dated.add(new Dated(n.acceptedAt, () -> view(n))));
        circulars.forEach(c -> dated.add(new Dated(c.acceptedAt, () -> CircularView.of(c, c.copies()))));
        dated.sort(Comparator.comparing(Dated::at).reversed());
        return new Box(dated.stream().limit(size).map(d -> d.view().get()).toList(), null);
    }

    /** A ministry's notes, sent or received, newest first; {@code unread}: received ones not opened yet. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Box(@Schema(oneOf = {NoticeView.class, CircularView.class}) List<Object> notes, Long unread) {
    }

    @POST
    @Path("/{id}/read")
    @RolesAllowed(Caller.MINISTRY)
    @Transactional
    @Operation(summary = "Mark a received note read", description = "As the desk does when its ministry opens it.")
    @APIResponse(responseCode = "204")
    @APIResponse(responseCode = "404", description = "No note of this id was delivered to the ministry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void read(@PathParam("id") String id) {
        ReceivedNotice received = caller.receivedBy(noticeId(id)).orElseThrow(() -> new ProblemException(404,
                "No such notice", "no notice " + id + " was delivered to the ministry of " + caller.ministryOf()));
        if (received.readAt == null) {
            received.readAt = Instant.now();
        }
    }

    @GET
    @Path("/{id}/thread")
    @RolesAllowed({Caller.MINISTRY, Caller.AUDITOR})
    @Operation(summary = "Follow an exchange", description = "The notes that answer one another (inReplyTo) with "
            + "this one, both ways, oldest first, whatever channel each took: those the ministry sent and those "
            + "delivered to it (for an auditor, every note sent).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Exchange.class)))
    @APIResponse(responseCode = "404", description = "No such notice",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Exchange thread(@PathParam("id") String id) {
        Threads.Holder holder = new Threads.Holder(caller.isAuditor() ? null : caller.ministryOf());
        Threads.Note start = holder.find(noticeId(id)).orElseThrow(() -> new ProblemException(404, "No such notice",
                "there is no notice " + id + " the " + (caller.isAuditor() ? "audit" : "ministry") + " may read"));
        return new Exchange(Threads.of(holder, start).stream().map(note -> note.row() instanceof SentNotice n ? view(n)
                : NoticeView.received((ReceivedNotice) note.row())).toList());
    }

    /** An exchange of notes, oldest first. */
    public record Exchange(List<NoticeView> notes) {
    }

    @GET
    @Path("/events")
    @RolesAllowed(Caller.MINISTRY)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Hear a ministry's notes change", description = "Server-sent events: sent {id, status, "
            + "reference, circular?} each time a note the ministry sent reaches a status; received {id} each time a note is "
            + "delivered to it; ready once, when every later change will be heard (read the lists then). The stream "
            + "ends when the token expires or is revoked, or after 30 minutes: connect again. At most 20 streams "
            + "per ministry on one replica (429).")
    public void events(@Context SseEventSink sink, @Context Sse sse) throws ParseException {
        // The token itself, not the request's view of it: the stream outlives the request.
        feed.open(caller.ministryOf(), tokens.parse(caller.rawToken()), sink, sse);
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
            return NoticeView.ReceiptView.of(received.get());
        }
        SentNotice notice = find(id);
        caller.mustRead(notice);
        if (notice.receiptOutcome == null) {
            throw new ProblemException(404, "No receipt yet",
                    "notice " + id + " has no receipt yet; it is " + notice.status);
        }
        return NoticeView.ReceiptView.of(notice);
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

    private NoticeView view(SentNotice n) {
        boolean underWay = n.status == NoticeStatus.ACCEPTED || n.status == NoticeStatus.IN_TRANSIT;
        return NoticeView.sent(n, plans.read(n), n.history(), Attempt.of(n.id),
                underWay ? backlog.estimatedDelivery(n.content.precedence, n.acceptedAt) : null, caller.mayReadBody(n));
    }
}
