package org.chancery.ministry.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import org.chancery.events.Notice;
import org.chancery.events.NoticeKind;
import org.chancery.ministry.domain.Reference;
import org.chancery.ministry.domain.Regimes;
import org.chancery.ministry.domain.States;
import org.chancery.problem.Problem;
import org.chancery.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a notice request must be beyond its fields (422s), checked without a container. */
class NoticeRequestRulesTest {

    private static final States STATES = Reference.states();
    private static final Regimes REGIMES = Reference.regimes();

    private static NoticeRequest request(List<String> to, Boolean toParties, String regime, Instant deliverBy,
            Instant eventAt) {
        return new NoticeRequest("USA", to, toParties, NoticeKind.NOTE_VERBALE, null, null, "s", "b", deliverBy,
                regime, eventAt, null, null, null, null);
    }

    private static NoticeRequest to(String... states) {
        return request(List.of(states), null, null, null, null);
    }

    private static Problem refused(Runnable check) {
        return assertThrows(ProblemException.class, check::run).problem();
    }

    @Test
    void theStatesNamedAreTheRecipients() {
        assertEquals(List.of("DEU", "FRA"), to("DEU", "FRA").recipients(STATES, REGIMES));
    }

    @Test
    void aRegimesPartiesButTheSenderAreTheRecipients() {
        assertEquals(List.of("RUS"), request(null, true, "BMLNA-1988", null, null).recipients(STATES, REGIMES));
    }

    @Test
    void recipientsAreRefusedByNameInTheOrderTheyAreChecked() {
        assertEquals("Notice to itself", refused(() -> to("DEU", "USA").recipients(STATES, REGIMES)).title());
        assertEquals("Recipient twice", refused(() -> to("DEU", "DEU").recipients(STATES, REGIMES)).title());
        // An unknown state is named before the sender among the recipients is.
        assertEquals("Unknown state", refused(() -> to("XYZ", "USA").recipients(STATES, REGIMES)).title());
        assertEquals("No recipient", refused(() -> request(null, null, null, null, null)
                .recipients(STATES, REGIMES)).title());
        assertEquals("Recipients twice", refused(() -> request(List.of("DEU"), true, "BMLNA-1988", null, null)
                .recipients(STATES, REGIMES)).title());
        assertEquals("No regime", refused(() -> request(null, true, null, null, null)
                .recipients(STATES, REGIMES)).title());
        // Counted before each is checked.
        Problem tooMany = refused(() -> to(Collections.nCopies(NoticeRequest.MOST_RECIPIENTS + 1, "DEU")
                .toArray(String[]::new)).recipients(STATES, REGIMES));
        assertEquals(422, tooMany.status());
        assertEquals("Too many recipients", tooMany.title());
    }

    @Test
    void aDeadlineMustBeAheadAndWithinAYear() {
        Instant now = Instant.now();
        assertEquals("Deadline passed", refused(() -> request(List.of("DEU"), null, null, now.minusSeconds(1), null)
                .notice("DEU", REGIMES)).title());
        assertEquals("Deadline too far", refused(() -> request(List.of("DEU"), null, null,
                now.plus(NoticeRequest.LONGEST_DEADLINE).plus(Duration.ofDays(1)), null).notice("DEU", REGIMES)).title());
    }

    @Test
    void theNoticeKeepsItsTimesToTheMicrosecondAsTheDatabaseDoes() {
        Instant deliverBy = Instant.now().plus(Duration.ofDays(1)).plusNanos(123);
        Notice notice = request(List.of("DEU"), null, null, deliverBy, null).notice("DEU", REGIMES);
        assertEquals(deliverBy.truncatedTo(ChronoUnit.MICROS), notice.deliverBy());
    }

    @Test
    void aNoticeGivenWithLessLeadTimeThanItsRegimeAsksIsMarkedLate() {
        Notice late = request(List.of("RUS"), null, "BMLNA-1988", null, Instant.now().plus(Duration.ofHours(2)))
                .notice("RUS", REGIMES);
        assertEquals("PT24H", late.late().owed());
    }

    /** The examples the API description shows are notices the ministry takes, as pasted. */
    @ParameterizedTest
    @ValueSource(strings = {"notice-note-verbale.json", "notice-flash.json", "notice-protecting-power.json",
            "notice-circular.json"})
    void theExamplesAreRequestsTheMinistryTakes(String file) throws IOException {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        try (InputStream in = NoticeRequestRulesTest.class.getResourceAsStream("/examples/" + file)) {
            NoticeRequest request = json.readValue(in, NoticeRequest.class);
            List<String> recipients = request.recipients(STATES, REGIMES);
            for (String recipient : recipients) {
                Notice notice = request.notice(recipient, REGIMES);
                request.query(notice, REGIMES);
            }
        }
    }
}
