package org.chancery.ministry.rest;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.chancery.events.Classification;
import org.chancery.events.Notice;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;
import org.chancery.ministry.domain.Regimes;
import org.chancery.ministry.domain.Regimes.Regime;
import org.chancery.ministry.domain.RouteQuery;
import org.chancery.ministry.domain.States;
import org.chancery.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A notice as a ministry submits it. What a field alone must be, Bean Validation checks (400); what
 * takes the states and regimes Chancery knows, or the time, the methods below (422), in this order:
 * {@link #recipients}, then {@link #notice}, then {@link #query} for each recipient.
 */
@Schema(name = "NoticeRequest", description = "A notice from one state to another.")
public record NoticeRequest(
        @Schema(description = "Sending state, ISO 3166-1 alpha-3", examples = "USA")
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 3166-1 alpha-3 code such as USA")
        String from,

        @Schema(description = "Receiving state, ISO 3166-1 alpha-3, or several (a circular note: a copy to each, "
                + "at most " + MOST_RECIPIENTS + ")", oneOf = {String.class, String[].class}, examples = "DEU")
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        @Size(min = 1, message = "must name at least one state")
        List<@NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 3166-1 alpha-3 code such as DEU") String> to,

        @Schema(description = "Instead of to: send a circular note to every party of the regime but the sender")
        Boolean toParties,

        @Schema(examples = "NOTE_VERBALE") @NotNull
        NoticeKind kind,

        @Schema(description = "Defaults to ROUTINE", examples = "ROUTINE")
        Precedence precedence,

        @Schema(description = "Defaults to UNCLASSIFIED", examples = "UNCLASSIFIED")
        Classification classification,

        @Schema(examples = "State visit") @NotBlank @Size(max = 200)
        String subject,

        @Schema(examples = "The Embassy presents its compliments to the Federal Foreign Office ...")
        @NotBlank @Size(max = 20_000)
        String body,

        @Schema(description = "When the receipt must be back by, UTC (e.g. 2027-01-01T12:00:00Z); optional, within a year")
        Instant deliverBy,

        @Schema(description = "The notification regime the notice is given under (GET /regimes); its channel is "
                + "used first and its rules are checked", examples = "BMLNA-1988")
        @Size(max = 40)
        String regime,

        @Schema(description = "When the notified event happens, UTC; needed under a regime with a lead time")
        Instant eventAt,

        @Schema(description = "Whether a mediator offering its good offices between the two states may carry the "
                + "notice (informal; after every official channel); false if absent")
        Boolean allowMediator,

        @Schema(description = "Where the notified activity takes place, ISO 3166-1 alpha-3 (a flight into Kyiv: UKR); "
                + "chooses among deconfliction lines the one built for it", examples = "UKR")
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 3166-1 alpha-3 code such as UKR")
        String theatre,

        @Schema(description = "The notice this note answers: one the sender sent or received, between the same two "
                + "states; the note joins its thread (GET /notices/{id}/thread)")
        UUID inReplyTo,

        @Schema(description = "Earlier notes this note cites, in words (paper notes)",
                examples = "Note No. 142 of 3 December 2026")
        @Size(max = 500)
        String references) {

    /** The most states one circular note goes to. */
    public static final int MOST_RECIPIENTS = 200;

    /** Deadlines further out than this are refused as absurd. */
    static final Duration LONGEST_DEADLINE = Duration.ofDays(366);

    public boolean mediatorAllowed() {
        return Boolean.TRUE.equals(allowMediator);
    }

    public boolean toRegimeParties() {
        return Boolean.TRUE.equals(toParties);
    }

    public Precedence precedenceOrDefault() {
        return precedence == null ? Precedence.ROUTINE : precedence;
    }

    public Classification classificationOrDefault() {
        return classification == null ? Classification.UNCLASSIFIED : classification;
    }

    /**
     * The states the notice goes to: those named, or the regime's parties but the sender; each a state
     * Chancery knows, none twice, not the sender, at most {@link #MOST_RECIPIENTS}.
     */
    List<String> recipients(States states, Regimes regimes) {
        StateResource.require(states, from);
        if (theatre != null) {
            StateResource.require(states, theatre);
        }
        List<String> named;
        if (toRegimeParties()) {
            if (to != null) {
                throw new ProblemException(422, "Recipients twice", "give either to or toParties, not both");
            }
            if (regime == null) {
                throw new ProblemException(422, "No regime", "toParties sends to the parties of a regime; name it");
            }
            Regime known = RegimeResource.known(regimes, regime);
            if (known.parties() == null) {
                throw new ProblemException(422, "Parties not known", "the parties to " + known.id() + " ("
                        + known.partiesAsRecorded() + ") are not listed in Chancery's sources; name the recipients");
            }
            named = known.parties().stream().filter(p -> !p.equals(from)).toList();
        } else if (to == null) {
            throw new ProblemException(422, "No recipient", "to: name the receiving state, or several");
        } else {
            named = to;
        }
        if (named.size() > MOST_RECIPIENTS) {
            throw new ProblemException(422, "Too many recipients", named.size() + " recipients; a circular note goes "
                    + "to at most " + MOST_RECIPIENTS);
        }
        Set<String> seen = new HashSet<>();
        for (String state : named) {
            StateResource.require(states, state);
            if (state.equals(from)) {
                throw new ProblemException(422, "Notice to itself", from + " cannot give notice to itself");
            }
            if (!seen.add(state)) {
                throw new ProblemException(422, "Recipient twice", state + " is named more than once in to");
            }
        }
        return named;
    }

    /**
     * The notice to {@code recipient} this request asks for, its deadline checked; marked late if it
     * gives less time before its event than its regime asks (it is sent all the same).
     */
    Notice notice(String recipient, Regimes regimes) {
        if (deliverBy != null) {
            Instant now = Instant.now();
            if (!deliverBy.isAfter(now)) {
                throw new ProblemException(422, "Deadline passed", "deliverBy " + deliverBy + " is not in the future");
            }
            if (deliverBy.isAfter(now.plus(LONGEST_DEADLINE))) {
                throw new ProblemException(422, "Deadline too far",
                        "deliverBy " + deliverBy + " is more than a year ahead");
            }
        }
        // To the microsecond, as the database keeps times: every later attempt carries the notice as
        // stored, and its bag is bound to these times.
        Notice notice = Notice.of(from, recipient, kind, precedenceOrDefault(), classificationOrDefault(), subject,
                body, micros(deliverBy)).under(regime, micros(eventAt)).citing(inReplyTo, blankToNull(references));
        return regimes.find(regime).flatMap(r -> Regimes.lateness(r, notice.eventAt(), Instant.now()))
                .map(notice::givenLate).orElse(notice);
    }

    /** What the plan of {@code notice} (this request's, to one recipient) is asked for; its regime's rules checked for the recipient. */
    RouteQuery query(Notice notice, Regimes regimes) {
        Regime under = regime == null ? null : RegimeResource.require(regimes, regime, from, notice.to(), eventAt);
        return RouteQuery.of(notice.from(), notice.to(), notice.kind(), notice.precedence())
                .under(under).in(theatre).allowingMediator(mediatorAllowed());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }
}
