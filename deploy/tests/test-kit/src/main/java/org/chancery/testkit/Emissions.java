package org.chancery.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.chancery.events.HopEvent;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.messaging.Emission;

/** What a handler decided, as the tests of a service's decisions read it. */
public final class Emissions {

    private Emissions() {
    }

    /** The one hop a handler sent on, after checking that it sent one, of this type, on this step. */
    public static HopEvent only(List<Emission> out, HopTopic step, HopType type) {
        assertEquals(1, out.size(), out.toString());
        Emission emission = out.get(0);
        assertEquals(step, emission.step(), emission.toString());
        assertEquals(type, emission.hop().type(), emission.toString());
        return emission.hop();
    }
}
