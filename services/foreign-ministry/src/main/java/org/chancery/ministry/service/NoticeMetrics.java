package org.chancery.ministry.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.chancery.events.Channel;

/**
 * {@code chancery_notices_<outcome>_total{channel, from, to}}: how many notices reached each
 * point, per channel and pair of states. A count is taken only once its transaction commits, so a
 * retried handler never counts twice.
 */
@ApplicationScoped
public class NoticeMetrics {

    /** The points a notice reaches that are counted. */
    public enum Outcome {
        ACCEPTED, DELIVERED, ACKNOWLEDGED, REJECTED, REROUTED, FAILED, OVERDUE
    }

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transactions;

    public void count(Outcome outcome, Channel channel, String from, String to) {
        Counter counter = Counter.builder("chancery.notices." + outcome.name().toLowerCase())
                .description("Notices " + outcome.name().toLowerCase() + ", per channel and pair of states")
                .tags("channel", channel == null ? "NONE" : channel.name(), "from", from, "to", to)
                .register(registry);
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        counter.increment();
                    }
                }
            });
        } else {
            counter.increment();
        }
    }
}
