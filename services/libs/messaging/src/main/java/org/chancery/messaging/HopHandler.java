package org.chancery.messaging;

import java.util.List;
import org.chancery.events.HopEvent;

/**
 * What a service does with the hops it consumes; the {@link HopPipeline} does everything else.
 * For each batch the pipeline opens one {@link Work} in the batch's transaction, hands it the
 * batch's new hops in order, then lets it write what they changed, set-based, before commit.
 */
public interface HopHandler {

    /**
     * The work of one batch, in its transaction, given the batch's new hops up front so that it can
     * read what they need with one statement.
     */
    Work begin(List<ConsumedHop> hops);

    /**
     * Whether a hop not signed by the service it names is handed over (the audit keeps it as
     * evidence) instead of going to the dead-letter topic.
     */
    default boolean keepsForgedHops() {
        return false;
    }

    /**
     * Whether redelivered hops are recognised by the inbox and not handed over again. A handler
     * that keeps every copy itself (the audit) says no.
     */
    default boolean usesInbox() {
        return true;
    }

    /**
     * Hops like those the service consumes, for the start-up rehearsal ({@link Warmup}): handled
     * in a transaction that is rolled back, what they emit never sent. None by default.
     */
    default List<HopEvent> rehearsal() {
        return List.of();
    }

    /** One batch's work. */
    interface Work {

        /**
         * Handles one hop, in the order of the batch; returns the hops to emit in answer. A
         * {@link PoisonRecordException} sets the hop aside on the dead-letter topic.
         */
        List<Emission> handle(ConsumedHop hop);

        /**
         * Writes what the batch's hops changed, before the transaction commits. A
         * {@link PoisonRecordException} naming a hop sets that hop aside; the batch runs again without it.
         */
        default void finish() {
        }

        /** After the commit, for what must only count once: metrics. */
        default void committed() {
        }
    }

}
