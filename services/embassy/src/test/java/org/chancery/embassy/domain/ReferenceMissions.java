package org.chancery.embassy.domain;

import java.util.Optional;

/** The missions the service ships with, for tests that need no configuration. */
public final class ReferenceMissions {

    private ReferenceMissions() {
    }

    public static Missions load() {
        return new Missions(Optional.empty());
    }
}
