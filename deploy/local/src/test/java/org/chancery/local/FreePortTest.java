package org.chancery.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {

    /**
     * A stack's ports are all picked before any is bound: a port free at each pick could come up
     * twice (about one stack of ten ports in 270; a cluster's controller and a service met so in CI).
     */
    @Test
    void noPortIsHandedOutTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            int port = StackSettings.freePort();
            assertTrue(port > 0 && port < 65_536, "not a port: " + port);
            assertTrue(ports.add(port), "handed out twice: " + port);
        }
        assertEquals(1000, ports.size());
    }
}
