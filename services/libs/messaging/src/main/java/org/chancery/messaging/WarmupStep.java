package org.chancery.messaging;

/**
 * Something of a service's own that a first notice touches, rehearsed at start-up by the
 * {@link Warmup}, off the record: it must send nothing and keep nothing.
 */
public interface WarmupStep {

    /** What it rehearses, as readiness reports it while it runs. */
    String what();

    void run();
}
