package org.chancery.ministry.service;

import java.util.Optional;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopGrammar;
import org.chancery.events.NoticeKind;
import org.chancery.messaging.PoisonRecordException;

/** What a hop must be to be taken at all; one that is not is refused: dead-lettered, by name. */
final class HopChecks {

    private HopChecks() {
    }

    /** A receipt or a failure that breaks the grammar of its path is refused. */
    static void mustFit(HopEvent hop, Optional<HopGrammar.Violation> violation) {
        violation.ifPresent(v -> {
            throw new PoisonRecordException(v.breach() + ": " + hop.type().ceType() + " from " + hop.from()
                    + ", but " + v.detail());
        });
    }

    /** A hop of the third-state channels is taken only from a state that holds a mandate for the pair. */
    static void mustActUnderMandate(Planning planning, HopEvent hop, String sending, String receiving,
            NoticeKind kind) {
        if (!Channel.PROTECTING_POWER.service().equals(hop.service())) {
            return;
        }
        Optional<String> refusal;
        try {
            refusal = planning.thirdStateRefusal(hop.from(), sending, receiving, kind);
        } catch (IllegalArgumentException e) {
            refusal = Optional.of(e.getMessage());
        }
        if (refusal.isPresent()) {
            throw new PoisonRecordException("FORGED: not under a mandate: " + hop.type().ceType() + " from "
                    + hop.from() + ", but " + refusal.get());
        }
    }
}
