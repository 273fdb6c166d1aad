package org.chancery.protectingpower.domain;

import java.util.Optional;

/** The mandates the service ships with, for tests that need no configuration. */
public final class ReferenceMandates {

    private ReferenceMandates() {
    }

    public static Mandates load() {
        return new Mandates(Optional.empty());
    }
}
