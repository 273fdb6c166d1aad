package org.chancery.ministry.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.chancery.messaging.Outbox;
import org.jboss.logging.Logger;

/** Every second: escalate routes gone quiet, mark deadlines missed. */
@ApplicationScoped
public class DeadlineKeeper {

    private static final Logger LOG = Logger.getLogger(DeadlineKeeper.class);

    @Inject
    Ministry ministry;

    @Inject
    Outbox outbox;

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void keep() {
        try {
            outbox.publish(QuarkusTransaction.requiringNew().call(() -> ministry.keepDeadlines(Instant.now())));
        } catch (RuntimeException e) {
            LOG.warnf("deadlines not kept this time, trying again: %s", e.toString());
        }
    }
}
