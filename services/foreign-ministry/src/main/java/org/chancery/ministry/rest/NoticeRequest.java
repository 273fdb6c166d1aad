package org.chancery.ministry.rest;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.chancery.events.Classification;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A notice as a ministry submits it. */
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
        String theatre) {

    /** The most states one circular note goes to. */
    public static final int MOST_RECIPIENTS = 200;

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
}
