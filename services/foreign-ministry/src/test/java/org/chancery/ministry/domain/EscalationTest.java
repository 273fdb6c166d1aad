package org.chancery.ministry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.chancery.events.Precedence;
import org.junit.jupiter.api.Test;

class EscalationTest {

    private static final Escalation ESCALATION = new Escalation(Map.of(Precedence.FLASH, Duration.ofSeconds(30),
            Precedence.IMMEDIATE, Duration.ofMinutes(2), Precedence.PRIORITY, Duration.ofMinutes(10),
            Precedence.ROUTINE, Duration.ofMinutes(30)));
    private static final Instant NOW = Instant.parse("2027-01-01T12:00:00Z");

    @Test
    void aRouteIsGivenUpAfterItsPrecedencesHandlingTime() {
        assertEquals(NOW.plusSeconds(30), ESCALATION.at(NOW, Precedence.FLASH, null));
        assertEquals(NOW.plus(Duration.ofMinutes(30)), ESCALATION.at(NOW, Precedence.ROUTINE, NOW.plus(Duration.ofDays(1))));
    }

    @Test
    void orHalfwayToADeadlineThatLeavesLess() {
        assertEquals(NOW.plus(Duration.ofMinutes(10)), ESCALATION.at(NOW, Precedence.ROUTINE, NOW.plus(Duration.ofMinutes(20))));
    }

    @Test
    void atOnceWhenTheDeadlineHasPassed() {
        assertEquals(NOW, ESCALATION.at(NOW, Precedence.ROUTINE, NOW.minusSeconds(1)));
    }
}
