package org.chancery.hotline.domain;

import java.util.Optional;

/** The lines the service ships with, for tests that need no configuration. */
public final class ReferenceLines {

    private ReferenceLines() {
    }

    public static Lines load() {
        return new Lines(Optional.empty());
    }
}
