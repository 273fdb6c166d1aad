package org.chancery.ministry.domain;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chancery.events.Channel;
import org.chancery.events.LateNotice;
import org.chancery.events.registry.ReferenceFiles;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The notification regimes states give notice under, from {@code reference/regimes.json}. */
@Startup
@ApplicationScoped
public class Regimes {

    /**
     * A regime: who its parties are (null when the sources do not list them) and who left it, the
     * channel it mandates (a hotline by its id, or the embassy), the least time between a notice and
     * the event it notifies, the time within which the receipt is due, whether it is in force, and
     * what puts it in doubt.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Regime(String id, String name, String subject, List<String> parties, String partiesAsRecorded,
            List<Withdrawal> withdrawals, Channel channel, String hotline, String channelAsRecorded,
            @JsonFormat(shape = JsonFormat.Shape.STRING) Duration leadTime,
            @JsonFormat(shape = JsonFormat.Shape.STRING) Duration ackWindow,
            boolean inForce, String status, String caution, String derivation, String confidence,
            List<String> sources) {

        /** When {@code state} left the regime, if it did. */
        public Optional<Withdrawal> withdrawalOf(String state) {
            return withdrawals == null ? Optional.empty()
                    : withdrawals.stream().filter(w -> w.state().equals(state)).findFirst();
        }
    }

    /** A state that left a regime, when, and the source that says so. */
    public record Withdrawal(String state, String on, String source, String grade) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, Regime> byId = new LinkedHashMap<>();

    /** The regimes the service ships. */
    Regimes() {
        this(Optional.empty());
    }

    /** The regimes of {@code chancery.ministry.regimes-file}, else those the service ships. */
    @Inject
    Regimes(@ConfigProperty(name = "chancery.ministry.regimes-file") Optional<String> file) {
        try (InputStream in = ReferenceFiles.open(file.orElse(null), "reference/regimes.json")) {
            for (Regime r : JSON.readerForListOf(Regime.class).<List<Regime>>readValue(JSON.readTree(in).get("regimes"))) {
                byId.put(r.id(), r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference/regimes.json", e);
        }
    }

    public Collection<Regime> all() {
        return byId.values();
    }

    public Optional<Regime> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /**
     * Whether a notice given now under {@code regime} about an event at {@code eventAt} is late: the
     * lead time it owed and the one it gave, if it gives less than the regime asks.
     */
    public static Optional<LateNotice> lateness(Regime regime, Instant eventAt, Instant now) {
        if (regime.leadTime() == null || eventAt == null) {
            return Optional.empty();
        }
        Duration gave = Duration.between(now, eventAt).truncatedTo(ChronoUnit.SECONDS);
        return gave.compareTo(regime.leadTime()) >= 0 ? Optional.empty()
                : Optional.of(LateNotice.of(regime.leadTime(), gave));
    }

    /** "late under BMLNA-1988: it gave 2 h of the 24 h owed". */
    public static String late(String regimeId, LateNotice late) {
        return "late under " + regimeId + ": it gave " + human(Duration.parse(late.gave())) + " of the "
                + human(Duration.parse(late.owed())) + " owed";
    }

    /** A duration as a reader says it: "24 h", "3 days", "1 h 59 min", "90 s". */
    public static String human(Duration d) {
        if (d.toDays() >= 2 && d.toHoursPart() == 0) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 1) {
            return d.toHours() + " h" + (d.toMinutesPart() == 0 ? "" : " " + d.toMinutesPart() + " min");
        }
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
